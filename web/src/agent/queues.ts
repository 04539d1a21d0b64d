// The inbox's queues and list logic, pure (no I/O): which tickets a queue holds, the sort orders
// the API offers, merging a poll's changed tickets into the loaded list.
import type { Schemas } from "../api/client";

export type Ticket = Schemas["TicketOut"];
export type Included = Schemas["IncludedOut"];
export type Status = Schemas["Status"];
export type Priority = Schemas["Priority"];
export type View = "mine" | "unassigned" | "all";
export type Sort = "-updated_at" | "updated_at" | "-created_at" | "created_at" | "-priority" | "priority" | "-sla_due_at" | "sla_due_at";

export const VIEWS: readonly View[] = ["mine", "unassigned", "all"];
export const STATUSES: readonly Status[] = ["new", "open", "pending", "on_hold", "solved", "closed"];
export const PRIORITIES: readonly Priority[] = ["urgent", "high", "normal", "low"];
/** `updated_at` orders work on every queue; the others only on the whole list without filters (docs/api.md). */
export const SORTS_ANY_QUEUE: readonly Sort[] = ["-updated_at", "updated_at"];
export const SORTS_WHOLE_LIST: readonly Sort[] = ["-created_at", "created_at", "-priority", "priority", "-sla_due_at", "sla_due_at"];

/** A queue's department filter for tickets without a department (the API's `department_id=none`). */
export const NO_DEPARTMENT = "none";

/** One queue of the sidebar: a view, optionally narrowed to one status, one priority or one department (id or "none"). */
export type Queue = { view: View; status?: Status; priority?: Priority; department?: string };

export function sameQueue(a: Queue, b: Queue): boolean {
  return a.view === b.view && a.status === b.status && a.priority === b.priority && a.department === b.department;
}

/** The sort orders the API accepts on this queue. */
export function sortsFor(queue: Queue): readonly Sort[] {
  const whole = queue.view === "all" && queue.status === undefined && queue.priority === undefined && queue.department === undefined;
  return whole ? [...SORTS_ANY_QUEUE, ...SORTS_WHOLE_LIST] : SORTS_ANY_QUEUE;
}

/** Whether `ticket` belongs in `queue` as seen by user `me`. */
export function inQueue(ticket: Ticket, queue: Queue, me: string): boolean {
  if (queue.view === "mine" && ticket.assigned_agent_id !== me) return false;
  if (queue.view === "unassigned" && ticket.assigned_agent_id !== null) return false;
  if (queue.status !== undefined && ticket.status !== queue.status) return false;
  if (queue.priority !== undefined && ticket.priority !== queue.priority) return false;
  if (queue.department !== undefined && (ticket.department_id ?? NO_DEPARTMENT) !== queue.department) return false;
  return true;
}

const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

function key(ticket: Ticket, field: string): number {
  if (field === "priority") return PRIORITY_RANK[ticket.priority];
  const value = field === "created_at" ? ticket.created_at : field === "sla_due_at" ? ticket.sla_due_at : ticket.updated_at;
  // Tickets without a pending SLA due come last in ascending order, as the API sorts them.
  return value === null ? Number.POSITIVE_INFINITY : Date.parse(value);
}

/** The API's order for `sort` (ties: newest first, or oldest first for ascending `priority`). */
export function compareFor(sort: Sort): (a: Ticket, b: Ticket) => number {
  const descending = sort.startsWith("-");
  const field = sort.replace(/^-/, "");
  return (a, b) => {
    const diff = key(a, field) - key(b, field);
    if (diff !== 0 && !Number.isNaN(diff)) return descending ? -diff : diff;
    const tie = Date.parse(b.created_at) - Date.parse(a.created_at);
    return field === "priority" && !descending ? -tie : tie;
  };
}

/**
 * The loaded list with a poll's changed tickets merged in: a changed ticket replaces its old copy,
 * a new one joins, one that no longer belongs to the queue (solved, reassigned...) leaves; the
 * result keeps the queue's order.
 */
export function mergeTickets(loaded: Ticket[], changed: Ticket[], queue: Queue, me: string, sort: Sort): Ticket[] {
  const byNumber = new Map(loaded.map((ticket) => [ticket.ticket_number, ticket]));
  for (const ticket of changed) {
    const known = byNumber.get(ticket.ticket_number);
    if (known !== undefined && known.version > ticket.version) continue; // an older copy than the one shown
    if (inQueue(ticket, queue, me)) byNumber.set(ticket.ticket_number, ticket);
    else byNumber.delete(ticket.ticket_number);
  }
  return [...byNumber.values()].sort(compareFor(sort));
}

/** Side-loaded objects of two answers, the newer one winning per id. */
export function mergeIncluded(old: Included | null | undefined, fresh: Included | null | undefined): Included {
  const merge = <T extends { id: string }>(a: T[] | null | undefined, b: T[] | null | undefined): T[] => {
    const byId = new Map((a ?? []).map((item) => [item.id, item]));
    for (const item of b ?? []) byId.set(item.id, item);
    return [...byId.values()];
  };
  return {
    // The newest answer's counts (an answer without them keeps the older ones).
    counts: fresh?.counts ?? old?.counts ?? null,
    users: merge(old?.users, fresh?.users),
    customers: merge(old?.customers, fresh?.customers),
    sla_policies: merge(old?.sla_policies, fresh?.sla_policies),
  };
}

/** The newest `updated_at` of the list: the next poll's `updated_since` (null for an empty list). */
export function lastUpdated(tickets: Ticket[], previous: string | null = null): string | null {
  let newest = previous;
  for (const ticket of tickets) {
    if (newest === null || Date.parse(ticket.updated_at) > Date.parse(newest)) newest = ticket.updated_at;
  }
  return newest;
}

export type User = Schemas["UserOut"];

export function userName(user: User | undefined): string {
  if (user === undefined) return "";
  return `${user.first_name} ${user.last_name}`.trim() || user.email;
}

type Page = Schemas["TicketPage"];
type Pages = { pages: Page[]; pageParams: (string | null)[] };

/**
 * The loaded pages with a poll's answer merged in, as one page that keeps the last page's cursor
 * (so "more" goes on where it was) and every side-loaded object either answer carried.
 */
export function mergePages<T extends Pages>(data: T, changed: Page, queue: Queue, me: string, sort: Sort): T {
  const loaded = data.pages.flatMap((page) => page.items);
  let included: Included | null = null;
  for (const page of data.pages) included = mergeIncluded(included, page.included);
  return {
    ...data,
    pages: [
      {
        items: mergeTickets(loaded, changed.items, queue, me, sort),
        next_cursor: data.pages[data.pages.length - 1]?.next_cursor ?? null,
        included: mergeIncluded(included, changed.included),
      },
    ],
    pageParams: data.pageParams.slice(0, 1),
  };
}
