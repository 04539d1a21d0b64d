import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import type { Session } from "../session";
import { DispatchBoard } from "./Dispatch";
import { MyJobs } from "./MyJobs";

const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

const morgan = { id: "u-m", email: "m@x.example", first_name: "Morgan", last_name: "Manager", role: "manager", is_active: true };
const alex = { id: "u-a", email: "a@x.example", first_name: "Alex", last_name: "<b>Agent</b>", role: "agent", is_active: true };
const as = (user: typeof morgan) => ({ token: "tok", expiresAt: "2999-01-01T00:00:00.000000Z", user }) as unknown as Session;
const tech = { id: "t-1", user_id: "u-a", employee_id: "LDN-001", availability_status: "available", max_jobs_per_day: 1, current_jobs_count: 1, is_active: true };
const order = {
  work_order_number: "WO-2",
  title: "Service the <img src=x onerror=alert(1)> printer",
  status: "scheduled",
  priority: "normal",
  scheduled_at: "2026-12-01T13:00:00.000000Z",
  expected_duration_minutes: 60,
  location: { address: "1 Poultry, London" },
  required_skills: ["printers"],
  ticket_number: null,
};

function answer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function api(routes: Record<string, (body: unknown) => Response>) {
  return vi.fn(async (url: string, init: RequestInit) => {
    const path = new URL(url, "http://x").pathname;
    const route = routes[`${init.method} ${path}`];
    if (route) return route(init.body === undefined ? undefined : JSON.parse(String(init.body)));
    if (path === "/users") return answer({ items: [morgan, alex], next_cursor: null });
    return answer({ items: [], next_cursor: null });
  });
}

function show(fetch: ReturnType<typeof api>, ui: React.ReactNode) {
  vi.stubGlobal("fetch", fetch);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  setLanguage("en");
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the dispatch board", () => {
  it("assigns by the technician's id and shows the API's capacity refusal in words, names as text", async () => {
    const fetch = api({
      "GET /dispatch-board": () => answer({ first_day: "2026-12-01", last_day: "2026-12-01", items: [{ technician: tech, jobs: [], more_jobs: false }], next_cursor: null }),
      "GET /work-orders": () => answer({ items: [order], next_cursor: null }),
      "GET /work-orders/WO-2/dispatch-suggestions": () => answer({ work_order_number: "WO-2", considered: 1, items: [], excluded: [] }),
      "POST /work-orders/WO-2/assignments": () =>
        answer({ error: { code: "technician_fully_booked", message: "The technician already has 1 jobs", details: [] } }, 422),
    });
    show(fetch, <DispatchBoard session={as(morgan)} />);

    const row = await screen.findByRole("region", { name: "Alex <b>Agent</b> (LDN-001)" }, WAIT);
    fireEvent.click((await screen.findAllByRole("button", { name: /^WO-2 Service the <img/ }, WAIT))[0]);
    fireEvent.click(await within(row).findByRole("button", { name: "Assign WO-2 here" }, WAIT));

    const alert = await screen.findByRole("alert", {}, WAIT);
    expect(alert.textContent).toContain("Not assigned: That technician's day is fully booked.");
    const posted = fetch.mock.calls.find(([url, init]) => String(url).includes("/assignments") && init.method === "POST");
    expect(JSON.parse(String(posted?.[1].body))).toEqual({ technician_id: "t-1", auto: false, notes: "" });
    expect((posted?.[1].headers as Record<string, string>)["Idempotency-Key"]).toBeTruthy();
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("[style]")).toBeNull();
  });
});

describe("the technician's day", () => {
  it("moves the job along with the note typed", async () => {
    const job = { id: "j-1", work_order_number: "WO-1", status: "started", slot_day: "2026-12-01", notes: "" };
    const fetch = api({
      "GET /technicians/me/jobs": () => answer({ items: [{ job, work_order: { ...order, work_order_number: "WO-1" } }], next_cursor: null }),
      "PATCH /work-orders/WO-1/assignments/j-1": () => answer({ assignment: { ...job, status: "completed" }, work_order: order }),
    });
    show(fetch, <MyJobs session={as(alex)} />);

    fireEvent.change(await screen.findByLabelText("Your note on WO-1", {}, WAIT), { target: { value: "Fuser replaced." } });
    fireEvent.click(screen.getByRole("button", { name: "Complete" }));

    await waitFor(() => {
      const sent = fetch.mock.calls.find(([, init]) => init.method === "PATCH");
      expect(JSON.parse(String(sent?.[1].body))).toEqual({ status: "completed", notes: "Fuser replaced." });
    }, WAIT);
  });
});
