// The ticket relations of issue 24 (docs/api.md "Merge and split", "CCs and followers", "Linked
// tickets", "Time entries", "Departments"): merging tickets with a preview, splitting a comment
// into a new ticket, CCs and followers, parent/child/related links, time entries and solving a
// parent's children; plus the pure helpers the screens use to show them.
import { ApiError, del, get, patch, post, type Schemas } from "../api/client";
import type { Ticket } from "./queues";

export type TicketLink = Schemas["TicketLinkOut"];
export type LinkKind = TicketLink["kind"];
/** The kinds an agent adds and removes; the others follow from merges and splits. */
export const EDITABLE_KINDS = ["parent", "child", "related"] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];
/** The order the panel lists link groups in. */
export const LINK_KINDS: readonly LinkKind[] = ["parent", "child", "related", "merged_into", "merged_from", "split_from", "split_into"];

export type MergePreview = Schemas["MergePreviewOut"];
export type MergeOutcome = Schemas["MergeOut"];
export type ChildResult = Schemas["SolveChildrenOut"]["results"][number];
export type TimeEntry = Schemas["TimeEntryOut"];
export type NewTimeEntry = { minutes: number; billable: boolean; note: string; spent_on?: string };
export type DepartmentQueue = Schemas["DepartmentCounts"];

/** The most source tickets one merge takes, and the most CCs a ticket holds (the API's limits). */
export const MERGE_LIMIT = 10;
export const CC_LIMIT = 20;

export async function listLinks(token: string, number: string, signal?: AbortSignal): Promise<TicketLink[]> {
  const page = await get("/tickets/{number}/links", { token, params: { number }, query: { limit: 100 }, signal });
  return page.items;
}

/** Link `other` to ticket `number` as its `kind` ("parent": `other` is the parent of `number`). */
export function addLink(token: string, number: string, kind: EditableKind, other: string): Promise<TicketLink> {
  return post("/tickets/{number}/links", { token, params: { number }, body: { kind, ticket_number: other }, idempotencyKey: crypto.randomUUID() });
}

export async function removeLink(token: string, number: string, kind: EditableKind, other: string): Promise<void> {
  await del("/tickets/{number}/links/{kind}/{other_number}", { token, params: { number, kind, other_number: other } });
}

export function changeCcs(token: string, number: string, change: { add?: string[]; remove?: string[] }): Promise<{ cc_emails: string[] }> {
  return post("/tickets/{number}/ccs", { token, params: { number }, body: { add: change.add ?? [], remove: change.remove ?? [] } });
}

export function changeFollowers(token: string, number: string, change: { add?: string[]; remove?: string[] }): Promise<{ follower_ids: string[] }> {
  return post("/tickets/{number}/followers", { token, params: { number }, body: { add: change.add ?? [], remove: change.remove ?? [] } });
}

/** What merging `sources` into `target` would do; writes nothing. */
export function previewMerge(token: string, target: string, sources: string[], signal?: AbortSignal): Promise<MergePreview> {
  return post("/tickets/{number}/merge/preview", { token, params: { number: target }, body: { source_numbers: sources, note: null }, signal });
}

/** Merge; `idempotencyKey` is one per confirmation, so a retried request never merges twice. */
export function merge(token: string, target: string, sources: string[], idempotencyKey: string): Promise<MergeOutcome> {
  return post("/tickets/{number}/merge", { token, params: { number: target }, body: { source_numbers: sources, note: null }, idempotencyKey });
}

/** A comment into a new ticket (the same comment again answers the same new ticket). */
export function splitComment(token: string, number: string, commentId: string, subject: string | null, idempotencyKey: string): Promise<Ticket> {
  return post("/tickets/{number}/comments/{comment_id}/split", { token, params: { number, comment_id: commentId }, body: { subject }, idempotencyKey });
}

export function solveChildren(token: string, number: string, reply: string | null): Promise<{ results: ChildResult[] }> {
  return post("/tickets/{number}/children/solve", { token, params: { number }, body: { reply } });
}

export async function listTimeEntries(token: string, number: string, signal?: AbortSignal): Promise<TimeEntry[]> {
  const page = await get("/tickets/{number}/time-entries", { token, params: { number }, query: { limit: 100 }, signal });
  return page.items;
}

export function addTimeEntry(token: string, number: string, entry: NewTimeEntry): Promise<TimeEntry> {
  return post("/tickets/{number}/time-entries", { token, params: { number }, body: { ...entry, comment_id: null }, idempotencyKey: crypto.randomUUID() });
}

export function updateTimeEntry(token: string, entry: TimeEntry, change: Partial<NewTimeEntry>): Promise<TimeEntry> {
  return patch("/tickets/{number}/time-entries/{entry_id}", { token, params: { number: entry.ticket_number, entry_id: entry.id }, body: change, ifMatch: entry.version });
}

export async function deleteTimeEntry(token: string, entry: TimeEntry): Promise<void> {
  await del("/tickets/{number}/time-entries/{entry_id}", { token, params: { number: entry.ticket_number, entry_id: entry.id } });
}

/** The caller's department queues the counts carry (none before the counts are known). */
export function departmentQueues(counts: Schemas["TicketCounts"] | null | undefined): DepartmentQueue[] {
  return counts?.departments ?? [];
}

/** The links grouped by kind, in the panel's order (kinds without links left out). */
export function groupLinks(links: readonly TicketLink[]): [LinkKind, TicketLink[]][] {
  return LINK_KINDS.map((kind): [LinkKind, TicketLink[]] => [kind, links.filter((link) => link.kind === kind)]).filter(([, items]) => items.length > 0);
}

/** Email addresses typed into one box: split on commas, semicolons and white space, trimmed, without repeats. */
export function emailList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((address) => address.trim()).filter(Boolean))];
}

/** A ticket number as typed ("42", "t-42", " T-42 ") in the API's form ("T-42"). */
export function ticketNumber(text: string): string {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? `T-${trimmed}` : trimmed.toUpperCase();
}

/** The field-level reasons of a refusal (a 422's details), one line each; empty for other errors. */
export function errorDetails(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  return error.details.map((detail) => {
    const value = (detail as { value?: unknown }).value;
    const subject = typeof value === "string" && value !== "" ? value : detail.field;
    return subject ? `${subject}: ${detail.message}` : detail.message;
  });
}
