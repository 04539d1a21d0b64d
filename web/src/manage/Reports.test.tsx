import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import type { Session } from "../session";
import Reports from "./Reports";

const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

function sessionOf(role: string): Session {
  const user = { id: "u-1", email: "m@x.example", first_name: "Morgan", last_name: "Manager", role };
  return { token: "tok", expiresAt: "2999-01-01T00:00:00.000000Z", user } as unknown as Session;
}

const target = { met: 1, breached: 0, met_rate: 1, breach_rate: 0, completed: 1, median_seconds: 1800, median_business_seconds: 1800, mean_seconds: 1800, mean_business_seconds: 1800 };
const figures = { count: 0, average_score: null, csat_percent: null, good: 0, bad: 0 };
const BODIES: Record<string, unknown> = {
  "/reports/sla": { from: "2026-03-01", to: "2026-03-02", overall: { first_response: target, resolution: target }, by_policy: [], by_priority: [], by_policy_and_priority: [], by_department: [], by_day: [{ day: "2026-03-02", first_response: target, resolution: target }], csat: figures },
  "/reports/tickets": {
    from: "2026-03-01",
    to: "2026-03-02",
    by_day: [
      { day: "2026-03-01", created: 0, solved: 0 },
      { day: "2026-03-02", created: 4, solved: 3 },
    ],
    backlog: [{ bucket: "lt_1d", open: 1 }, { bucket: "1_3d", open: 0 }, { bucket: "3_7d", open: 0 }, { bucket: "7_30d", open: 0 }, { bucket: "gt_30d", open: 0 }],
    workload: [{ agent_id: "a1", agent_name: "Alex Agent", new: 0, open: 2, pending: 1, on_hold: 0, active: 3 }],
    unassigned: { new: 1, open: 0, pending: 0, on_hold: 0, active: 1 },
  },
  "/reports/csat": { from: "2026-03-01", to: "2026-03-02", group_by: "week", overall: figures, rows: [] },
  "/reports/time": { from: "2026-03-01", to: "2026-03-02", group_by: "agent", rows: [], total: { minutes: 0, billable_minutes: 0, ticket_minutes: 0, work_order_minutes: 0, entries: 0 } },
  "/departments": { items: [{ id: "d1", name: "Facilities" }], next_cursor: null },
  "/users": { items: [], next_cursor: null },
};

let requests: string[] = [];

beforeEach(() => {
  setLanguage("en");
  requests = [];
  // jsdom has no canvas: the chart has no context to draw in, the tables and CSV still work.
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.stubGlobal("fetch", async (url: string) => {
    requests.push(url);
    const body = BODIES[new URL(url, "http://x").pathname];
    return new Response(JSON.stringify(body), { status: body ? 200 : 404, headers: { "Content-Type": "application/json" } });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function show(role: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Reports session={sessionOf(role)} />
    </QueryClientProvider>,
  );
}

describe("Reports", () => {
  it("tells an agent the reports are not theirs, and asks the API nothing", () => {
    show("agent");
    expect(screen.getByRole("alert").textContent).toBe("Reports are for managers and admins.");
    expect(requests).toEqual([]);
  });

  it("shows the created-vs-solved chart's figures as a table", async () => {
    show("manager");
    const card = await screen.findByRole("region", { name: "Tickets created and solved per day" }, WAIT);
    fireEvent.click(within(card).getByRole("button", { name: "Show as table" }));
    const rows = within(within(card).getByRole("table")).getAllByRole("row");
    expect(rows.map((row) => Array.from(row.children).map((cell) => cell.textContent))).toEqual([
      ["Day", "Created", "Solved"],
      ["Mar 1, 2026", "0", "0"],
      ["Mar 2, 2026", "4", "3"],
    ]);
    const workload = await screen.findByRole("region", { name: "Agent workload: active tickets, now" });
    fireEvent.click(within(workload).getByRole("button", { name: "Show as table" }));
    expect(within(workload).getByRole("row", { name: /Unassigned/ }).textContent).toContain("1");
  });

  it("asks the SLA report for the chosen priority and department", async () => {
    show("admin");
    await screen.findByRole("option", { name: "Facilities" }, WAIT);
    fireEvent.change(screen.getByLabelText("Priority (SLA charts)"), { target: { value: "urgent" } });
    fireEvent.change(screen.getByLabelText("Department (SLA charts)"), { target: { value: "d1" } });
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
    await vi.waitFor(() => expect(requests.some((url) => url.includes("priority=urgent") && url.includes("department_id=d1"))).toBe(true), WAIT);
    expect(requests.filter((url) => url.startsWith("/reports/tickets")).every((url) => !url.includes("priority"))).toBe(true);
  });
});
