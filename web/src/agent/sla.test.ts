import { describe, expect, it } from "vitest";
import type { Schemas } from "../api/client";
import { setLanguage } from "../i18n";
import { slaBadge } from "./sla";
import { slaText } from "./SlaBadge";
import type { Ticket } from "./queues";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const policy = { id: "p1", first_response_hours: 4, resolution_hours: 24, priority_overrides: {}, pause_statuses: ["pending", "on_hold"] } as unknown as Schemas["SLAPolicyOut"];

function ticket(fields: Partial<Ticket>): Ticket {
  return { sla_policy_id: "p1", status: "open", priority: "normal", sla_breach: false, first_response_at: null, resolved_at: null, sla_due_at: null, ...fields } as Ticket;
}
const inHours = (hours: number) => new Date(NOW + hours * 3_600_000).toISOString();

describe("the SLA badge", () => {
  setLanguage("en");

  it("shows the time left while the clock runs", () => {
    const badge = slaBadge(ticket({ sla_due_at: inHours(3) }), policy, NOW);
    expect(badge.state).toBe("running");
    expect(slaText(badge)).toBe("3 h 00 min left");
  });

  it("warns in the last quarter of the target", () => {
    const badge = slaBadge(ticket({ sla_due_at: inHours(0.5) }), policy, NOW);
    expect(badge.state).toBe("warning");
    expect(slaText(badge)).toBe("Warning: 30 min left");
  });

  it("is breached past the due time or when the API says so", () => {
    expect(slaText(slaBadge(ticket({ sla_due_at: inHours(-2) }), policy, NOW))).toBe("Breached 2 h 00 min ago");
    expect(slaBadge(ticket({ sla_due_at: inHours(5), sla_breach: true }), policy, NOW).state).toBe("breached");
  });

  it("is paused while the resolution clock stops, but not before the first response", () => {
    const waiting = { status: "pending" as const, sla_due_at: inHours(10) };
    expect(slaBadge(ticket({ ...waiting, first_response_at: inHours(-1) }), policy, NOW).state).toBe("paused");
    expect(slaBadge(ticket(waiting), policy, NOW).state).toBe("running");
  });

  it("is met once nothing is pending, and absent without a policy", () => {
    expect(slaText(slaBadge(ticket({ resolved_at: inHours(-1), first_response_at: inHours(-2) }), policy, NOW))).toBe("Met");
    expect(slaBadge(ticket({ sla_policy_id: null }), undefined, NOW).state).toBe("none");
  });

  it("takes the API's own status (business time) when the answer has one", () => {
    const badge = slaBadge(ticket({ sla_due_at: inHours(1) }), policy, NOW, { state: "paused", remaining_seconds: 7200, due: inHours(1) });
    expect(badge).toEqual({ state: "paused", remainingSeconds: 7200, due: inHours(1) });
  });
});
