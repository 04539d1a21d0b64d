// The SLA badge of a ticket in the list: time left, warning, breached, paused, met or none.
// From the API's per-ticket `sla_status` (business time) when the answer has it, else worked out
// from the ticket's own fields and its side-loaded policy (calendar time).
import type { Schemas } from "../api/client";
import type { Ticket } from "./queues";

export type SlaState = "running" | "warning" | "paused" | "breached" | "met" | "none";
export type SlaBadge = { state: SlaState; remainingSeconds: number | null; due: string | null };

/** The share of a target's time left under which a running clock shows a warning. */
export const WARNING_SHARE = 0.25;
const DEFAULT_PAUSE: readonly string[] = ["pending", "on_hold"];

/** What the API reports per ticket with `include=sla` (the fields the badge needs). */
export type SlaStatus = { due: string | null; remaining_seconds: number | null; state: SlaState };

type Policy = Schemas["SLAPolicyOut"];

function targetHours(policy: Policy | undefined, ticket: Ticket, target: "first_response" | "resolution"): number | null {
  if (policy === undefined) return null;
  const override = policy.priority_overrides[ticket.priority];
  const targets = override ?? policy;
  return target === "first_response" ? targets.first_response_hours : targets.resolution_hours;
}

/** The badge for `ticket` at `now` (ms). `status` is the API's `sla_status` when it sent one. */
export function slaBadge(ticket: Ticket, policy: Policy | undefined, now: number, status?: SlaStatus | null): SlaBadge {
  if (status) return { state: status.state, remainingSeconds: status.remaining_seconds, due: status.due };
  if (ticket.sla_policy_id === null) return { state: "none", remainingSeconds: null, due: null };
  if (ticket.sla_due_at === null) {
    const state = ticket.sla_breach ? "breached" : ticket.resolved_at !== null || ticket.first_response_at !== null ? "met" : "none";
    return { state, remainingSeconds: null, due: null };
  }
  const remaining = Math.round((Date.parse(ticket.sla_due_at) - now) / 1000);
  const due = ticket.sla_due_at;
  const waitingForReply = ticket.first_response_at === null;
  if (ticket.sla_breach || remaining < 0) return { state: "breached", remainingSeconds: remaining, due };
  // Only the resolution clock stops in a pause status; the first response clock keeps running.
  const pauses = policy?.pause_statuses ?? DEFAULT_PAUSE;
  if (!waitingForReply && pauses.includes(ticket.status)) return { state: "paused", remainingSeconds: remaining, due };
  const hours = targetHours(policy, ticket, waitingForReply ? "first_response" : "resolution");
  if (hours !== null && remaining < hours * 3600 * WARNING_SHARE) return { state: "warning", remainingSeconds: remaining, due };
  return { state: "running", remainingSeconds: remaining, due };
}
