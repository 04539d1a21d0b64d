// Ticket search and saved views, pure (no I/O): the search page's address, the highlighted
// snippets cut into plain-text pieces (rendered as React text and <mark> elements, never as HTML),
// a view's count in words, and the filter a "New view" form stands for.
import type { Priority, Status } from "./queues";

export const SEARCH_PATH = "/app/search";

/** The search page's address for `q` (the query sits in the URL: it holds no secret). */
export function searchPath(q: string): string {
  return `${SEARCH_PATH}?${new URLSearchParams({ q }).toString()}`;
}

/** The `q` of a search page's query string ("" when there is none). */
export function searchQuery(queryString: string): string {
  return new URLSearchParams(queryString).get("q") ?? "";
}

/** One piece of a snippet: plain text, marked when it matched the query. */
export type Piece = { text: string; mark: boolean };

/**
 * `text` cut at the `matches` offsets ([start, end), counted in characters as the API counts them,
 * i.e. code points, so an emoji before a match does not shift it). Overlapping or touching
 * matches merge; offsets outside the text are clamped, empty or reversed ones ignored.
 */
export function highlightPieces(text: string, matches: readonly (readonly number[])[]): Piece[] {
  const chars = Array.from(text);
  const ranges = matches
    .filter((m) => m.length === 2 && Number.isInteger(m[0]) && Number.isInteger(m[1]))
    .map(([start, end]) => [Math.max(0, start), Math.min(chars.length, end)] as const)
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const pieces: Piece[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) pieces.push({ text: chars.slice(at, start).join(""), mark: false });
    pieces.push({ text: chars.slice(start, end).join(""), mark: true });
    at = end;
  }
  if (at < chars.length) pieces.push({ text: chars.slice(at).join(""), mark: false });
  return pieces;
}

/** The most a view's count says: beyond it the API stops counting. */
export const COUNT_CAP = 100;

/** A view's count as the sidebar shows it: "12", "100+" when capped, nothing when not counted. */
export function countText(count: number | null | undefined, capped: boolean | null | undefined): string | undefined {
  if (count === null || count === undefined) return undefined;
  return capped ? `${count}+` : String(count);
}

/** What the "New view" form asks; `tags` as typed (comma-separated). */
export type ViewDraft = { status: Status[]; priority: Priority[]; assignee: "" | "me" | "none"; tags: string };

/** The filter of a drafted view: only what was chosen (an empty filter is every ticket one may see). */
export function draftFilter(draft: ViewDraft): { status?: Status[]; priority?: Priority[]; assignee?: string[]; tags?: string[] } {
  const tags = [...new Set(draft.tags.split(",").map((tag) => tag.trim()).filter(Boolean))];
  return {
    ...(draft.status.length > 0 ? { status: draft.status } : {}),
    ...(draft.priority.length > 0 ? { priority: draft.priority } : {}),
    ...(draft.assignee ? { assignee: [draft.assignee] } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}
