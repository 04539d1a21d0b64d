// The agent workspace's frame: a header (organization, search, keyboard help, who is signed in),
// the sidebar of queues, and the inbox or a ticket page. The ticket page's side panel and the
// sidebar are where later tools (saved views, macros, CCs, links, time) slot in.
import { useMutation, useQuery } from "@tanstack/react-query";
import { type MouseEvent, useEffect, useMemo, useRef, useState } from "react";
import { get, post } from "../api/client";
import { t } from "../i18n";
import { navigate } from "../router";
import { endSession, type Session } from "../session";
import { HelpDialog } from "./HelpDialog";
import { type Counts, Inbox } from "./Inbox";
import { shortcutReader } from "./keys";
import { PRIORITIES, type Queue, sameQueue, type Sort, STATUSES, type View } from "./queues";
import { type Handlers, ShortcutContext, useShortcut } from "./shortcuts";
import { TicketPage } from "./TicketPage";
import { organizationSlug } from "./sso";

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
  const [search, setSearch] = useState("");
  const [help, setHelp] = useState(false);
  const [counts, setCounts] = useState<Counts | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const ticketNumber = TICKET_PATH.exec(path)?.[1];
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
    if (!sameQueue(next, { view: "all" })) setSort("-updated_at");
    if (ticketNumber !== undefined) navigate(INBOX);
  };
  const name = `${session.user.first_name} ${session.user.last_name}`.trim() || session.user.email;
  const orgName = organization.data?.name ?? organizationSlug() ?? "";

  return (
    <ShortcutContext.Provider value={handlers}>
      <WorkspaceShortcuts searchBox={searchBox} onHelp={() => setHelp(true)} />
      <div className="workspace">
        <a className="skip" href="#main">
          {t("agent.skip")}
        </a>
        <header className="topbar">
          <a className="brand" href={INBOX} onClick={followLink}>
            {t("app.name")}
          </a>
          {orgName && <span className="org">{orgName}</span>}
          <div className="search">
            <label htmlFor="search">{t("agent.search")}</label>
            <input
              id="search"
              ref={searchBox}
              type="search"
              value={search}
              aria-describedby="search-scope"
              onChange={(event) => setSearch(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Escape") event.currentTarget.blur();
              }}
            />
            <span id="search-scope" className="hint">
              {t("agent.searchScope")}
            </span>
          </div>
          <button type="button" className="link" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            {t("keys.button")}
          </button>
          <span className="who">{t("inbox.signedInAs", { name })}</span>
          <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            {t("signOut")}
          </button>
        </header>
        <nav className="queues" aria-label={t("agent.queues")}>
          {views.map((view) => (
            <section key={view} aria-labelledby={`queue-${view}`}>
              <h2 id={`queue-${view}`}>
                <QueueButton queue={{ view }} current={queue} onChoose={choose} label={t(`view.${view}`)} count={counts?.[view]?.total} />
              </h2>
              <h3>{t("agent.byStatus")}</h3>
              <ul>
                {STATUSES.map((status) => (
                  <li key={status}>
                    <QueueButton
                      queue={{ view, status }}
                      current={queue}
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
                      current={queue}
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
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {ticketNumber === undefined ? (
            <Inbox session={session} queue={queue} sort={sort} onSort={setSort} search={search} onCounts={setCounts} />
          ) : (
            <TicketPage session={session} number={decodeURIComponent(ticketNumber)} organization={organization.data} />
          )}
        </main>
      </div>
      {help && <HelpDialog onClose={() => setHelp(false)} />}
    </ShortcutContext.Provider>
  );
}

function WorkspaceShortcuts({ searchBox, onHelp }: { searchBox: React.RefObject<HTMLInputElement | null>; onHelp: () => void }) {
  useShortcut("search", () => searchBox.current?.focus());
  useShortcut("help", onHelp);
  useShortcut("inbox", () => navigate(INBOX));
  return null;
}

type QueueButtonProps = { queue: Queue; current: Queue; onChoose: (queue: Queue) => void; label: string; view?: string; count?: number };

/**
 * One queue of the sidebar. Its name says the view too ("Mine: New (3)"), hidden from sight, so
 * that the "New" of each view can be told apart by ear; the count comes from the API's counters.
 */
function QueueButton({ queue, current, onChoose, label, view, count }: QueueButtonProps) {
  const active = sameQueue(queue, current);
  return (
    <button type="button" className="queue" aria-current={active ? "true" : undefined} onClick={() => onChoose(queue)}>
      <span>
        {view && <span className="visually-hidden">{view}:</span>} {label}
      </span>{" "}
      {count !== undefined && <span className="count">({count})</span>}
    </button>
  );
}
