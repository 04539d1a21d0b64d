// The inbox: one queue's tickets from ONE request (requesters, assignees and SLA policies
// side-loaded), sorted and paged, polled every 20 s with `updated_since` (one request per tick) and
// the changes merged into the list without a reload. j/k move, Enter opens.
import { pollInterval, useLiveStatus, useLiveTopics } from "../live";
import { type InfiniteData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { get, type Query, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";
import { BulkBar } from "./BulkBar";
import { lastUpdated, mergePages, NO_DEPARTMENT, type Queue, type Sort, sortsFor } from "./queues";
import { departmentQueues } from "./relations";
import { INBOX_COLUMNS, TicketTable } from "./TicketTable";

export const PAGE_SIZE = 25;
export const POLL_MS = 20_000;
const LIVE_TOPICS = ["inbox"];
/** How far back an empty queue's first poll looks, for a browser clock behind the API's. */
export const CLOCK_MARGIN_MS = 5 * 60_000;
/** What one list request side-loads (and each poll refreshes), so that a page renders without another request. */
export const INCLUDE = "users,customers,sla_policy,sla,counts";
/** What the ticket page side-loads with the ticket. */
export const TICKET_INCLUDE = "users,customers,sla_policy,sla";

export type Counts = Schemas["TicketCounts"];

type Page = Schemas["TicketPage"];
let inboxMarked = false;

/** The list's query for a queue (`department_id`: one department's queue, or "none"). */
export function queueQuery(queue: Queue): Query<"/tickets", "get"> {
  return { view: queue.view, status: queue.status ?? null, priority: queue.priority ?? null, department_id: queue.department ?? null };
}

type InboxProps = {
  session: Session;
  queue: Queue;
  sort: Sort;
  onSort: (sort: Sort) => void;
  /** Another queue (the department filter narrows this one). */
  onQueue: (queue: Queue) => void;
  /** The queue counts each answer carries, for the sidebar. */
  onCounts: (counts: Counts) => void;
};

export function Inbox({ session, queue, sort, onSort, onQueue, onCounts }: InboxProps) {
  const client = useQueryClient();
  const queryKey = useMemo(() => ["inbox", session.user.id, queue, sort] as const, [session.user.id, queue, sort]);
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      get("/tickets", {
        token: session.token,
        query: { ...queueQuery(queue), sort: sort === "-updated_at" ? null : sort, include: INCLUDE, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page) => last.next_cursor,
    staleTime: Infinity,
  });
  const pages = list.data?.pages;
  const tickets = useMemo(() => pages?.flatMap((page) => page.items) ?? [], [pages]);
  const included = pages?.[0]?.included;
  const users = useMemo(() => included?.users ?? [], [included]);
  // The tickets ticked for a bulk change (by number): a queue of its own starts with none.
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const [now, setNow] = useState(() => Date.now());
  const since = useRef<string | null>(null);

  const sinceOf = useRef(queryKey);
  const loadedAt = list.dataUpdatedAt;
  useEffect(() => {
    if (sinceOf.current !== queryKey) {
      // Another queue: its own newest ticket, not the previous queue's.
      sinceOf.current = queryKey;
      since.current = null;
      setPicked(new Set());
    }
    // An empty queue polls from when it was loaded (less a margin for the clocks' difference).
    const fallback = loadedAt > 0 ? new Date(loadedAt - CLOCK_MARGIN_MS).toISOString() : null;
    since.current = lastUpdated(tickets, since.current) ?? fallback;
  }, [tickets, queryKey, loadedAt]);
  const counts = included?.counts;
  // The caller's departments come with the counts (no request of their own): the filter, the
  // column's names; an organization without departments shows neither.
  const departments = useMemo(() => departmentQueues(counts), [counts]);
  const names = useMemo(() => new Map(departments.map((department) => [department.department_id, department.name])), [departments]);
  const columns = departments.length > 0 || queue.department !== undefined ? INBOX_COLUMNS : INBOX_COLUMNS.filter((column) => column !== "department");
  // A department's queue is the whole department or its unassigned part, by update time only (the API's rule).
  const filtersDepartment = columns.includes("department") && queue.view !== "mine";
  useEffect(() => {
    if (counts) onCounts(counts);
  }, [counts, onCounts]);
  useEffect(() => {
    if (pages !== undefined && !inboxMarked) {
      inboxMarked = true;
      performance.mark("deskless:inbox-rendered");
    }
  }, [pages]);

  // The poll: tickets of the view changed since the newest one seen, merged into the loaded pages.
  // It asks for the whole view (not the status or priority filter) so that a ticket leaving the
  // queue is seen and removed. A live event runs it at once; the timer stays as the fallback,
  // slower while the live connection is up.
  const live = useLiveStatus();
  const poll = useRef<() => void>(() => undefined);
  useEffect(() => {
    const controller = new AbortController();
    const tick = async () => {
      setNow(Date.now());
      if (since.current === null) return;
      try {
        const changed = await get("/tickets", {
          token: session.token,
          query: { view: queue.view, updated_since: since.current, include: INCLUDE, limit: 100 },
          signal: controller.signal,
        });
        client.setQueryData<InfiniteData<Page, string | null>>(queryKey, (data) =>
          data === undefined ? data : mergePages(data, changed, queue, session.user.id, sort),
        );
      } catch {
        // A failed tick is retried by the next one; a refused session is handled by the client.
      }
    };
    poll.current = () => void tick();
    const timer = window.setInterval(() => void tick(), pollInterval(live, POLL_MS));
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [client, queryKey, queue, sort, session, live]);
  useLiveTopics(LIVE_TOPICS, () => poll.current());

  const toggle = (number: string) =>
    setPicked((previous) => {
      const next = new Set(previous);
      if (!next.delete(number)) next.add(number);
      return next;
    });
  const pickedTickets = tickets.filter((ticket) => picked.has(ticket.ticket_number));
  const allPicked = tickets.length > 0 && pickedTickets.length === tickets.length;

  const byId = new Map(users.map((user) => [user.id, user]));
  const policies = new Map((included?.sla_policies ?? []).map((policy) => [policy.id, policy]));
  const sorts = sortsFor(queue);
  const departmentName =
    queue.department === undefined ? null : queue.department === NO_DEPARTMENT ? t("bulk.noDepartment") : (names.get(queue.department) ?? t("inbox.department"));
  const title = [t(`view.${queue.view}`), queue.status && t(`status.${queue.status}`), queue.priority && t(`priority.${queue.priority}`), departmentName]
    .filter(Boolean)
    .join(" · ");
  return (
    <section aria-labelledby="inbox-title">
      <div className="list-head">
        <h1 id="inbox-title">{t("inbox.title")}</h1>
        <p className="queue-name">{title}</p>
        {filtersDepartment && (
          <label className="inline">
            <span>{t("inbox.departmentFilter")}</span>
            <select
              value={queue.department ?? ""}
              onChange={(event) => onQueue(event.target.value === "" ? { view: queue.view } : { view: queue.view, department: event.target.value })}
            >
              <option value="">{t("inbox.allDepartments")}</option>
              <option value={NO_DEPARTMENT}>{t("bulk.noDepartment")}</option>
              {queue.department !== undefined && queue.department !== NO_DEPARTMENT && !names.has(queue.department) && (
                <option value={queue.department}>{departmentName}</option>
              )}
              {departments.map((department) => (
                <option key={department.department_id} value={department.department_id}>
                  {department.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="inline">
          <span>{t("inbox.sort")}</span>
          <select value={sort} onChange={(event) => onSort(event.target.value as Sort)}>
            {sorts.map((value) => (
              <option key={value} value={value}>
                {t(`sort.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <BulkBar session={session} selected={pickedTickets} onClear={() => setPicked(new Set())} onDone={(failed) => setPicked(new Set(failed))} />
      {list.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={list.error} />
      {pages !== undefined && tickets.length === 0 && <p>{t("inbox.empty")}</p>}
      {tickets.length > 0 && (
        <TicketTable
          key={JSON.stringify(queryKey)}
          tickets={tickets}
          columns={columns}
          caption={t("inbox.caption", { queue: title })}
          users={byId}
          policies={policies}
          departments={names}
          now={now}
          selection={{ picked, onToggle: toggle, onToggleAll: () => setPicked(allPicked ? new Set() : new Set(tickets.map((ticket) => ticket.ticket_number))) }}
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
