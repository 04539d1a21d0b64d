// The search and saved-view routes (issue 23), typed by the contract until the generated client has them.
import { request } from "../api/client";
import type { Priority, Status, Ticket } from "./queues";

export type TicketFilter = {
  status?: Status[];
  priority?: Priority[];
  assignee?: string[];
  department_id?: string[];
  tags?: string[];
  exclude_tags?: string[];
  requester_id?: string | null;
  [criterion: string]: unknown;
};
export type Highlight = { field: string; comment_id: string | null; text: string; matches: number[][] };
export type SearchHit = { ticket: Ticket; score: number; highlights: Highlight[] };
export type SearchPage = { items: SearchHit[]; next_cursor: string | null; query: { terms: string[]; filter: TicketFilter } };
export type ViewScope = "builtin" | "personal" | "department" | "organization";
export type ViewOut = {
  id: string;
  name: string;
  scope: ViewScope;
  department_id: string | null;
  owner_id: string | null;
  filter: TicketFilter;
  sort: string;
  columns: string[];
  position: number;
  count: number | null;
  count_capped: boolean;
  version: number;
  created_at: string;
  updated_at: string;
};
export type ViewList = { items: ViewOut[]; next_cursor: string | null };
export type TicketList = { items: Ticket[]; next_cursor: string | null };
export type NewView = { name: string; filter: TicketFilter; scope?: "personal" | "organization"; sort?: string; columns?: string[] };

type Call = { token: string; signal?: AbortSignal };
const untyped = request as unknown as <T>(method: string, path: string, options: Record<string, unknown>) => Promise<T>;

export function searchTickets(q: string, cursor: string | null, { token, signal }: Call): Promise<SearchPage> {
  return untyped("get", "/search/tickets", { token, signal, query: { q, include: "sla", limit: 25, cursor } });
}

export function listViews({ token, signal }: Call): Promise<ViewList> {
  return untyped("get", "/views", { token, signal, query: { include: "counts" } });
}

export function viewTickets(id: string, cursor: string | null, { token, signal }: Call): Promise<TicketList> {
  return untyped("get", "/views/{id}/tickets", { token, signal, params: { id }, query: { include: "sla", limit: 25, cursor } });
}

export function createView(body: NewView, idempotencyKey: string, { token }: Call): Promise<ViewOut> {
  return untyped("post", "/views", { token, body, idempotencyKey });
}

export function deleteView(view: ViewOut, { token }: Call): Promise<void> {
  return untyped("delete", "/views/{id}", { token, params: { id: view.id }, ifMatch: view.version });
}
