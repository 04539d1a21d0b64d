// Saved views: the sidebar's list (built-in, shared, personal) with counts from ONE request per
// poll tick, a view's tickets in the inbox's table with the view's columns, and the form that
// saves a view (a search's filters, or status / priority / assignee / tags chosen here).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { del, get, post, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { type MessageKey, t } from "../i18n";
import type { Session } from "../session";
import { PAGE_SIZE, POLL_MS, TICKET_INCLUDE } from "./Inbox";
import { type Included, mergeIncluded, PRIORITIES, STATUSES, type User } from "./queues";
import { countText, draftFilter, type ViewDraft } from "./search";
import { tableColumns, TicketTable } from "./TicketTable";
import { departmentNames, useDepartments } from "./TicketPage";

type ViewOut = Schemas["ViewOut"];
type TicketPage = Schemas["TicketPage"];
type TicketFilter = Schemas["TicketFilterInput"];

/** The views the reader may use, counted, refreshed every poll tick (one request for all of them). */
export function useViews(session: Session) {
  return useQuery({
    queryKey: ["views", session.user.id],
    queryFn: ({ signal }) => get("/views", { token: session.token, query: { include: "counts" }, signal }),
    refetchInterval: POLL_MS,
  });
}

const BUILTIN_NAMES: Record<string, MessageKey> = {
  "builtin:my_open": "views.builtin.my_open",
  "builtin:unassigned": "views.builtin.unassigned",
  "builtin:due_soon": "views.builtin.due_soon",
  "builtin:breached": "views.builtin.breached",
  "builtin:pending_48h": "views.builtin.pending_48h",
  "builtin:recently_solved": "views.builtin.recently_solved",
};

/** A view's name in the reader's language: the built-ins' from the catalogue, the others' as saved. */
export function viewName(view: ViewOut): string {
  const key = view.scope === "builtin" ? BUILTIN_NAMES[view.id] : undefined;
  return key === undefined ? view.name : t(key);
}

/** Whether the reader may share views with the whole organization. */
export function managesShared(session: Session): boolean {
  return session.user.role === "admin" || session.user.role === "manager";
}

const GROUPS = [
  { key: "builtin", title: "views.builtin", scopes: ["builtin"] },
  { key: "shared", title: "views.shared", scopes: ["organization", "department"] },
  { key: "personal", title: "views.personal", scopes: ["personal"] },
] as const;

type ViewsNavProps = { session: Session; current: string | null; onChoose: (id: string) => void; onNew: () => void };

export function ViewsNav({ session, current, onChoose, onNew }: ViewsNavProps) {
  const views = useViews(session);
  const items = views.data?.items ?? [];
  return (
    <section aria-labelledby="views-title">
      <h2 id="views-title" className="views-title">
        {t("views.title")}
      </h2>
      <ErrorMessage error={views.error} />
      {GROUPS.map((group) => {
        const members = items.filter((view) => (group.scopes as readonly string[]).includes(view.scope));
        if (members.length === 0) return null;
        return (
          <div key={group.key}>
            <h3 id={`views-${group.key}`}>{t(group.title)}</h3>
            <ul aria-labelledby={`views-${group.key}`}>
              {members.map((view) => {
                const count = countText(view.count, view.count_capped);
                return (
                  <li key={view.id}>
                    <button type="button" className="queue" aria-current={view.id === current ? "true" : undefined} onClick={() => onChoose(view.id)}>
                      <span>{viewName(view)}</span> {count !== undefined && <span className="count">({count})</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      <button type="button" className="link new-view" onClick={onNew}>
        {t("views.new")}
      </button>
    </section>
  );
}

type ViewTicketsProps = { session: Session; view: ViewOut; onDeleted: () => void };

/** A view's tickets, in the view's order and columns; the owner may delete it. */
export function ViewTickets({ session, view, onDeleted }: ViewTicketsProps) {
  const client = useQueryClient();
  const departments = useDepartments(session, view.columns.includes("department"));
  const list = useInfiniteQuery({
    queryKey: ["view", session.user.id, view.id],
    queryFn: ({ pageParam, signal }) =>
      get("/views/{view_id}/tickets", {
        token: session.token,
        params: { view_id: view.id },
        query: { include: TICKET_INCLUDE, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: TicketPage) => last.next_cursor,
    refetchInterval: POLL_MS,
  });
  const remove = useMutation({
    mutationFn: () => del("/views/{view_id}", { token: session.token, params: { view_id: view.id } }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ["views"] });
      onDeleted();
    },
  });
  const pages = list.data?.pages;
  const tickets = useMemo(() => pages?.flatMap((page) => page.items) ?? [], [pages]);
  // Requesters, assignees and SLA policies side-loaded by every page loaded so far.
  const included = useMemo(() => (pages ?? []).reduce<Included | null>((all, page) => mergeIncluded(all, page.included), null), [pages]);
  const users = useMemo(() => new Map<string, User>((included?.users ?? []).map((user) => [user.id, user])), [included]);
  const policies = useMemo(() => new Map((included?.sla_policies ?? []).map((policy) => [policy.id, policy])), [included]);
  const now = list.dataUpdatedAt || Date.now();
  const own = view.scope !== "builtin" && view.owner_id === session.user.id;
  return (
    <section aria-labelledby="view-title">
      <div className="list-head">
        <h1 id="view-title">{viewName(view)}</h1>
        <p className="queue-name">{t(`views.scope.${view.scope}`)}</p>
        {own && (
          <button type="button" className="push" onClick={() => remove.mutate()} disabled={remove.isPending}>
            {t("views.delete", { name: viewName(view) })}
          </button>
        )}
      </div>
      <ErrorMessage error={remove.error} />
      {list.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={list.error} />
      {pages !== undefined && tickets.length === 0 && <p>{t("inbox.empty")}</p>}
      {tickets.length > 0 && (
        <TicketTable
          key={view.id}
          tickets={tickets}
          columns={tableColumns(view.columns)}
          caption={t("inbox.caption", { queue: viewName(view) })}
          users={users}
          policies={policies}
          departments={departmentNames(departments.data?.items)}
          now={now}
        />
      )}
      {list.hasNextPage && (
        <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t("inbox.more")}
        </button>
      )}
    </section>
  );
}

type ViewFormProps = {
  session: Session;
  /** The search's filter to save; without it the form asks for status, priority, assignee and tags. */
  filter?: TicketFilter;
  onSaved: (id: string) => void;
  onCancel: () => void;
};

const EMPTY_DRAFT: ViewDraft = { status: [], priority: [], assignee: "", tags: "" };

/** Save a view: a name, the scope (organization-wide for managers and admins), and its filter. */
export function ViewForm({ session, filter, onSaved, onCancel }: ViewFormProps) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"personal" | "organization">("personal");
  const [draft, setDraft] = useState<ViewDraft>(EMPTY_DRAFT);
  const nameField = useRef<HTMLInputElement>(null);
  // Opened by a click: straight to the name.
  useEffect(() => nameField.current?.focus(), []);
  // One key per form: a retried submit never saves the view twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const save = useMutation({
    mutationFn: () => post("/views", { token: session.token, body: { name: name.trim(), filter: filter ?? draftFilter(draft), scope }, idempotencyKey }),
    onSuccess: (view) => {
      client.invalidateQueries({ queryKey: ["views"] });
      onSaved(view.id);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  // The chosen values in the lists' own order, whatever order they were ticked in.
  const toggle = <K extends "status" | "priority">(key: K, value: ViewDraft[K][number]) => {
    const values = draft[key] as string[];
    const all: readonly string[] = key === "status" ? STATUSES : PRIORITIES;
    const chosen = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
    setDraft({ ...draft, [key]: all.filter((v) => chosen.includes(v)) });
  };
  return (
    <form className="view-form" onSubmit={submit} aria-labelledby="view-form-title">
      <h2 id="view-form-title">{filter ? t("views.saveSearch") : t("views.new")}</h2>
      {filter && <p className="hint">{t("views.saveSearchHint")}</p>}
      <label className="field">
        <span>{t("views.name")}</span>
        <input ref={nameField} name="name" value={name} required maxLength={80} onChange={(event) => setName(event.target.value)} />
      </label>
      {filter === undefined && (
        <>
          <fieldset>
            <legend>{t("inbox.status")}</legend>
            {STATUSES.map((status) => (
              <label key={status} className="check">
                <input type="checkbox" checked={draft.status.includes(status)} onChange={() => toggle("status", status)} /> {t(`status.${status}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("inbox.priority")}</legend>
            {PRIORITIES.map((priority) => (
              <label key={priority} className="check">
                <input type="checkbox" checked={draft.priority.includes(priority)} onChange={() => toggle("priority", priority)} />{" "}
                {t(`priority.${priority}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>{t("inbox.assignee")}</span>
            <select value={draft.assignee} onChange={(event) => setDraft({ ...draft, assignee: event.target.value as ViewDraft["assignee"] })}>
              <option value="">{t("views.anyone")}</option>
              <option value="me">{t("views.me")}</option>
              <option value="none">{t("ticket.unassigned")}</option>
            </select>
          </label>
          <label className="field">
            <span>{t("ticket.tags")}</span>
            <input name="tags" value={draft.tags} aria-describedby="view-tags-hint" onChange={(event) => setDraft({ ...draft, tags: event.target.value })} />
          </label>
          <p id="view-tags-hint" className="hint">
            {t("views.tagsHint")}
          </p>
        </>
      )}
      {managesShared(session) && (
        <label className="field">
          <span>{t("views.scope")}</span>
          <select value={scope} onChange={(event) => setScope(event.target.value as "personal" | "organization")}>
            <option value="personal">{t("views.scope.personal")}</option>
            <option value="organization">{t("views.scope.organization")}</option>
          </select>
        </label>
      )}
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.isPending || name.trim() === ""}>
          {t("views.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("views.cancel")}
        </button>
      </div>
    </form>
  );
}
