// The agent workspace's frame: a header (organization, search, keyboard help, who is signed in),
// the sidebar of queues, and the inbox or a ticket page. The ticket page's side panel and the
// sidebar are where later tools (saved views, macros, CCs, links, time) slot in.
import { LiveIndicator } from "../LiveIndicator";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type ErrorBody, get, post } from "../api/client";
import { DISPATCH_PATH, dispatches, MY_JOBS_PATH } from "../field/paths";
import { t } from "../i18n";
import { navigate, useQueryString } from "../router";
import { managesRules, RULES_PATH } from "../manage/Rules";
import { endSession, type Session } from "../session";
import { HelpDialog } from "./HelpDialog";
import { type Counts, Inbox } from "./Inbox";
import { shortcutReader } from "./keys";
import { type DepartmentQueue, departmentQueues } from "./relations";
import { PRIORITIES, type Queue, sameQueue, type Sort, STATUSES, type User, type View } from "./queues";
import { SEARCH_PATH, searchPath, searchQuery } from "./search";
import { SearchHelp, SearchResults } from "./Search";
import { type Handlers, ShortcutContext, useShortcut } from "./shortcuts";
import { TicketPage, useStaff } from "./TicketPage";
import { ViewForm, ViewsNav, ViewTickets, useViews } from "./Views";
import { organizationSlug } from "./sso";
import { mayReadReports, REPORTS_PATH } from "../manage/paths";
import { editsKb, KB_PATH } from "../kbedit/paths";
import { ADMIN_SETTINGS } from "../admin/paths";

export const INBOX = "/app/";
export const TICKET_PATH = /^\/app\/tickets\/([^/]+)\/?$/;

/** The queues a role has: everyone their own and the unassigned; the whole list for admins and managers. */
export function viewsFor(role: Session["user"]["role"]): View[] {
  return role === "admin" || role === "manager" ? ["mine", "unassigned", "all"] : ["mine", "unassigned"];
}

/** A link inside the app: the page changes without a reload (a modified click opens a tab as usual). */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname);
}

export function ticketPath(number: string): string {
  return `/app/tickets/${encodeURIComponent(number)}`;
}

export function Workspace({ session, path }: { session: Session; path: string }) {
  const handlers: Handlers = useMemo(() => new Map(), []);
  const views = viewsFor(session.user.role);
  const [queue, setQueue] = useState<Queue>({ view: views[views.length - 1] === "all" ? "all" : "mine" });
  const [sort, setSort] = useState<Sort>("-updated_at");
  const [help, setHelp] = useState(false);
  const [counts, setCounts] = useState<Counts | null>(null);
  // The saved view shown instead of a queue, or the "New view" form.
  const [viewId, setViewId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const searchBox = useRef<HTMLInputElement>(null);
  const ticketNumber = TICKET_PATH.exec(path)?.[1];
  const searching = path === SEARCH_PATH;
  const q = searchQuery(useQueryString());
  const [search, setSearch] = useState(searching ? q : "");
  const [invalid, setInvalid] = useState<ErrorBody["details"] | null>(null);
  const onInvalid = useCallback((details: ErrorBody["details"] | null) => setInvalid(details), []);
  useEffect(() => {
    // The box shows the search the page shows (back and forward included).
    if (searching) setSearch(q);
  }, [searching, q]);
  const savedViews = useViews(session);
  // Search results name assignees from the staff list (the lists' answers side-load them).
  const staff = useStaff(session, searching);
  const users = useMemo(() => new Map<string, User>((staff.data?.items ?? []).map((user) => [user.id, user])), [staff.data]);
  const shownView = viewId === null ? undefined : savedViews.data?.items.find((view) => view.id === viewId);
  const organization = useQuery({
    queryKey: ["organization"],
    queryFn: ({ signal }) => get("/organization", { token: session.token, signal }),
    enabled: session.user.role === "admin" || session.user.role === "manager",
    staleTime: Infinity,
  });
  const signOut = useMutation({
    mutationFn: () => post("/auth/logout", { token: session.token }),
    // Signed out here whatever the API answers: an ended session is as good as a revoked one.
    onSettled: () => endSession(),
  });

  useEffect(() => {
    const read = shortcutReader();
    const onKeyDown = (event: KeyboardEvent) => {
      if (help) return; // the dialog handles its own keys
      const action = read(event, performance.now());
      const handler = action === null ? undefined : handlers.get(action);
      if (handler === undefined) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [handlers, help]);

  const choose = (next: Queue) => {
    setQueue(next);
    setViewId(null);
    setCreating(false);
    if (!sameQueue(next, { view: "all" })) setSort("-updated_at");
    if (path !== INBOX) navigate(INBOX);
  };
  const toInbox = () => {
    setViewId(null);
    setCreating(false);
    if (path !== INBOX) navigate(INBOX);
  };
  const chooseView = (id: string) => {
    setViewId(id);
    setCreating(false);
    if (path !== INBOX) navigate(INBOX);
  };
  const newView = () => {
    setCreating(true);
    if (path !== INBOX) navigate(INBOX);
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    if (search.trim() !== "") navigate(searchPath(search.trim()));
  };
  const onInbox = ticketNumber === undefined && !searching;
  // No queue is current while a view, the view form, a search or a ticket is shown.
  const current: Queue | null = onInbox && viewId === null && !creating ? queue : null;
  const name = `${session.user.first_name} ${session.user.last_name}`.trim() || session.user.email;
  const orgName = organization.data?.name ?? organizationSlug() ?? "";

  return (
    <ShortcutContext.Provider value={handlers}>
      <WorkspaceShortcuts searchBox={searchBox} onHelp={() => setHelp(true)} onInbox={toInbox} />
      <div className="workspace">
        <a className="skip" href="#main">
          {t("agent.skip")}
        </a>
        <header className="topbar">
          <a className="brand" href={INBOX} onClick={followLink}>
            {t("app.name")}
          </a>
          {orgName && <span className="org">{orgName}</span>}
          <form className="search" role="search" onSubmit={submitSearch}>
            <label htmlFor="search">{t("agent.search")}</label>
            <input
              id="search"
              ref={searchBox}
              type="search"
              name="q"
              value={search}
              placeholder={t("agent.searchPlaceholder")}
              aria-invalid={invalid !== null ? true : undefined}
              aria-describedby={invalid !== null ? "search-invalid" : undefined}
              aria-keyshortcuts="/"
              onChange={(event) => setSearch(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Escape") event.currentTarget.blur();
              }}
            />
            {invalid !== null && (
              <div id="search-invalid" role="alert" className="error">
                <p>{t("error.invalid_query")}</p>
                <ul>
                  {invalid.map((detail, index) => (
                    <li key={index}>{detail.field ? `${detail.field}: ${detail.message}` : detail.message}</li>
                  ))}
                </ul>
              </div>
            )}
          </form>
          <SearchHelp />
          {mayReadReports(session.user.role) && (
            <a href={REPORTS_PATH} onClick={followLink}>
              {t("reports.nav")}
            </a>
          )}
          {managesRules(session.user.role) && (
            <a href={RULES_PATH} onClick={followLink}>
              {t("rules.nav")}
            </a>
          )}
          {editsKb(session.user.role) && (
            <a href={KB_PATH} onClick={followLink}>
              {t("kbedit.nav")}
            </a>
          )}
          {dispatches(session.user.role) ? (
            <a href={DISPATCH_PATH} onClick={followLink}>
              {t("field.nav.dispatch")}
            </a>
          ) : (
            <a href={MY_JOBS_PATH} onClick={followLink}>
              {t("field.nav.myJobs")}
            </a>
          )}
          <button type="button" className="link" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            {t("keys.button")}
          </button>
          {(session.user.role === "admin" || session.user.role === "manager") && (
            <a href="/app/manage/sla" onClick={followLink}>
              {t("manage.nav.link")}
            </a>
          )}
          {session.user.role === "admin" && (
            <a href={ADMIN_SETTINGS} onClick={followLink}>
              {t("admin.link")}
            </a>
          )}
          <LiveIndicator />
          <span className="who">{t("inbox.signedInAs", { name })}</span>
          <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            {t("signOut")}
          </button>
        </header>
        <nav className="queues" aria-label={t("agent.queues")}>
          {views.map((view) => (
            <section key={view} aria-labelledby={`queue-${view}`}>
              <h2 id={`queue-${view}`}>
                <QueueButton queue={{ view }} current={current} onChoose={choose} label={t(`view.${view}`)} count={counts?.[view]?.total} />
              </h2>
              <h3>{t("agent.byStatus")}</h3>
              <ul>
                {STATUSES.map((status) => (
                  <li key={status}>
                    <QueueButton
                      queue={{ view, status }}
                      current={current}
                      onChoose={choose}
                      label={t(`status.${status}`)}
                      count={counts?.[view] ? (counts[view].by_status[status] ?? 0) : undefined}
                      view={t(`view.${view}`)}
                    />
                  </li>
                ))}
              </ul>
              <h3>{t("agent.byPriority")}</h3>
              <ul>
                {PRIORITIES.map((priority) => (
                  <li key={priority}>
                    <QueueButton
                      queue={{ view, priority }}
                      current={current}
                      onChoose={choose}
                      label={t(`priority.${priority}`)}
                      count={counts?.[view] ? (counts[view].by_priority[priority] ?? 0) : undefined}
                      view={t(`view.${view}`)}
                    />
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <DepartmentQueues queues={departmentQueues(counts)} seesAll={views.includes("all")} current={current} onChoose={choose} />
          <ViewsNav session={session} current={onInbox && !creating ? viewId : null} onChoose={chooseView} onNew={newView} />
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {ticketNumber !== undefined ? (
            <TicketPage session={session} number={decodeURIComponent(ticketNumber)} organization={organization.data} />
          ) : searching ? (
            <SearchResults session={session} q={q} users={users} onInvalid={onInvalid} onViewSaved={chooseView} />
          ) : creating ? (
            <ViewForm session={session} onSaved={chooseView} onCancel={() => setCreating(false)} />
          ) : viewId !== null ? (
            shownView === undefined ? (
              <p>{savedViews.isPending ? t("app.loading") : t("views.gone")}</p>
            ) : (
              <ViewTickets session={session} view={shownView} onDeleted={() => setViewId(null)} />
            )
          ) : (
            <Inbox session={session} queue={queue} sort={sort} onSort={setSort} onQueue={choose} onCounts={setCounts} />
          )}
        </main>
      </div>
      {help && <HelpDialog onClose={() => setHelp(false)} />}
    </ShortcutContext.Provider>
  );
}

type WorkspaceShortcutsProps = { searchBox: React.RefObject<HTMLInputElement | null>; onHelp: () => void; onInbox: () => void };

function WorkspaceShortcuts({ searchBox, onHelp, onInbox }: WorkspaceShortcutsProps) {
  useShortcut("search", () => searchBox.current?.focus());
  useShortcut("help", onHelp);
  // Back to the queue last chosen, from a ticket, a search or a saved view.
  useShortcut("inbox", onInbox);
  return null;
}

type DepartmentQueuesProps = { queues: DepartmentQueue[]; seesAll: boolean; current: Queue | null; onChoose: (queue: Queue) => void };

/**
 * The department queues with their counts (GET /tickets/counts `departments`): the whole
 * department for staff who see every ticket, and each department's unassigned tickets.
 */
function DepartmentQueues({ queues, seesAll, current, onChoose }: DepartmentQueuesProps) {
  if (queues.length === 0) return null;
  return (
    <section aria-labelledby="queue-departments">
      <h2 id="queue-departments">
        {t("agent.departments")}
      </h2>
      <ul>
        {queues.map((queue) => (
          <li key={queue.department_id}>
            {seesAll ? (
              <>
                <QueueButton queue={{ view: "all", department: queue.department_id }} current={current} onChoose={onChoose} label={queue.name} count={queue.total.total} />
                <ul className="nested">
                  <li>
                    <QueueButton
                      queue={{ view: "unassigned", department: queue.department_id }}
                      current={current}
                      onChoose={onChoose}
                      label={t("dept.unassigned")}
                      view={queue.name}
                      count={queue.unassigned.total}
                    />
                  </li>
                </ul>
              </>
            ) : (
              <QueueButton
                queue={{ view: "unassigned", department: queue.department_id }}
                current={current}
                onChoose={onChoose}
                label={queue.name}
                view={t("view.unassigned")}
                count={queue.unassigned.total}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type QueueButtonProps = { queue: Queue; current: Queue | null; onChoose: (queue: Queue) => void; label: string; view?: string; count?: number };

/**
 * One queue of the sidebar. Its name says the view too ("Mine: New (3)"), hidden from sight, so
 * that the "New" of each view can be told apart by ear; the count comes from the API's counters.
 */
function QueueButton({ queue, current, onChoose, label, view, count }: QueueButtonProps) {
  const active = current !== null && sameQueue(queue, current);
  return (
    <button type="button" className="queue" aria-current={active ? "true" : undefined} onClick={() => onChoose(queue)}>
      <span>
        {view && <span className="visually-hidden">{view}:</span>} {label}
      </span>{" "}
      {count !== undefined && <span className="count">({count})</span>}
    </button>
  );
}
