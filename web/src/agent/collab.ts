// The agent's shared-work routes (issue 23): macros (list, preview, apply), bulk changes, and
// collision detection (presence heartbeats, the newer-reply warning), plus the pure helpers the
// screens use to word their answers.
import { ApiError, del, get, post, type Schemas } from "../api/client";
import { describeError } from "../i18n";

export type Macro = Schemas["MacroOut"];
export type MacroPreview = Schemas["MacroPreviewOut"];
export type BulkResult = Schemas["TicketResultOut"];
export type BulkOutcome = Schemas["ApplyOut"];
export type BulkChanges = Schemas["BulkChanges"];
export type Presence = Schemas["PresenceOut"];
export type PresenceState = Schemas["PresenceState"];

/** A comment the 409 `newer_reply` names: someone else's, newer than the one the agent saw. */
export type NewerComment = { id: string; author_id: string; comment_type: "public" | "internal"; content: string; created_at: string };

/** The most tickets one bulk or macro request takes (the API's limit). */
export const BULK_LIMIT = 100;
/** How often the ticket page tells the API the agent is still there (entries expire after 60 s). */
export const HEARTBEAT_MS = 20_000;

/** The reader's macros: the organization's and their own, in the API's order. */
export async function listMacros(token: string, signal?: AbortSignal): Promise<Macro[]> {
  const page = await get("/macros", { token, signal });
  return page.items;
}

export function previewMacro(token: string, macroId: string, ticketNumber: string, signal?: AbortSignal): Promise<MacroPreview> {
  return post("/macros/{macro_id}/preview", { token, params: { macro_id: macroId }, body: { ticket_number: ticketNumber }, signal });
}

/** Apply a macro to tickets; `idempotencyKey` is one per user action, so a retry never applies it twice. */
export function applyMacro(token: string, macroId: string, ticketNumbers: string[], idempotencyKey: string): Promise<BulkOutcome> {
  return post("/macros/{macro_id}/apply", { token, params: { macro_id: macroId }, body: { ticket_numbers: ticketNumbers }, idempotencyKey });
}

/** Change many tickets at once; each ticket is its own transaction with its own result. */
export function bulkChange(token: string, ticketNumbers: string[], changes: BulkChanges, idempotencyKey: string): Promise<BulkOutcome> {
  return post("/tickets/bulk", { token, body: { ticket_numbers: ticketNumbers, changes }, idempotencyKey });
}

/** The heartbeat: this agent is on the ticket (viewing or replying); the answer is who else is. */
export function heartbeat(token: string, ticketNumber: string, state: PresenceState, signal?: AbortSignal) {
  return post("/tickets/{number}/presence", { token, params: { number: ticketNumber }, body: { state }, signal });
}

/** The agent left the ticket: others stop seeing them at once rather than after the expiry. */
export function leave(token: string, ticketNumber: string): Promise<undefined> {
  return del("/tickets/{number}/presence", { token, params: { number: ticketNumber } });
}

/** The newest comment among those shown ("" when none is shown), as the composer reports it. */
export function newestCommentId(comments: readonly { id: string; created_at: string }[]): string {
  let newest: { id: string; created_at: string } | null = null;
  for (const comment of comments) {
    if (newest === null || Date.parse(comment.created_at) >= Date.parse(newest.created_at)) newest = comment;
  }
  return newest?.id ?? "";
}

/** The comments a 409 `newer_reply` carries, oldest first (null for any other error). */
export function newerComments(error: unknown): NewerComment[] | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== "newer_reply") return null;
  return (error.details as unknown as NewerComment[])
    .filter((comment) => typeof comment.id === "string" && typeof comment.content === "string")
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
}

/** A per-ticket failure in the same words as the same error answered by a route. */
export function describeFailure(failure: { code: string; message: string } | null | undefined): string {
  if (!failure) return "";
  return describeError(new ApiError(0, { code: failure.code, message: failure.message, details: [] }));
}

/** The presence entries other than the reader, the replying ones first. */
export function othersHere(entries: readonly Presence[], me: string): Presence[] {
  return entries.filter((entry) => entry.user_id !== me).sort((a, b) => (a.state === b.state ? a.name.localeCompare(b.name) : a.state === "replying" ? -1 : 1));
}
