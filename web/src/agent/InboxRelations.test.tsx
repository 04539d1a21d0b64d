import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import type { Session } from "../session";
import { Workspace } from "./Workspace";

/** A loaded machine renders the first screen slowly: wait longer than the default second. */
const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

const agent = { id: "u-me", email: "alex@x.example", first_name: "Alex", last_name: "Agent", role: "agent", is_active: true };
const manager = { ...agent, role: "manager" };
const casey = { id: "c1", email: "casey@x.example", first_name: "Casey", last_name: "Customer", role: "customer", is_active: true };

function ticket(number: number, fields: Record<string, unknown> = {}) {
  return {
    ticket_number: `T-${number}`,
    number,
    subject: `Printer ${number}`,
    status: "open",
    priority: "normal",
    assigned_agent_id: "u-me",
    customer_id: "c1",
    department_id: null,
    sla_policy_id: null,
    sla_due_at: null,
    created_at: `2026-11-0${number}T10:00:00.000000Z`,
    updated_at: `2026-11-0${number}T10:00:00.000000Z`,
    tags: [],
    version: 1,
    ...fields,
  };
}

const queue = (total: number) => ({ total, by_status: { open: total }, by_priority: { normal: total } });
const counts = {
  mine: queue(3),
  unassigned: queue(1),
  all: queue(9),
  as_of: "2026-11-30T10:00:00.000000Z",
  departments: [{ department_id: "d-1", name: "Facilities", unassigned: queue(2), total: queue(5) }],
};

function answer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A fake API by method and path (the list also by its department filter); every call is recorded. */
function api(routes: Record<string, (body: unknown) => Response>) {
  return vi.fn(async (url: string, init: RequestInit) => {
    const parsed = new URL(url, "http://x");
    const route = routes[`${init.method} ${parsed.pathname}`];
    if (route) return route(init.body === undefined ? undefined : JSON.parse(String(init.body)));
    if (parsed.pathname === "/tickets") {
      const department = parsed.searchParams.get("department_id");
      const items = department === "d-1" ? [ticket(4, { subject: "Boiler", department_id: "d-1" })] : [ticket(3, { department_id: "d-1" }), ticket(2), ticket(1)];
      return answer({ items, next_cursor: null, included: { users: [agent, casey], customers: [], sla_policies: [], counts } });
    }
    if (parsed.pathname === "/users") return answer({ items: [agent, casey], next_cursor: null });
    return answer({ items: [], next_cursor: null });
  });
}

function show(fetch: ReturnType<typeof api>, user = agent) {
  vi.stubGlobal("fetch", fetch);
  const session = { token: "tok", expiresAt: "2999-01-01T00:00:00.000000Z", user } as unknown as Session;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  window.history.replaceState(null, "", "/app/");
  return render(
    <QueryClientProvider client={client}>
      <Workspace session={session} path="/app/" />
    </QueryClientProvider>,
  );
}

function lists(fetch: ReturnType<typeof api>) {
  return fetch.mock.calls.map(([url]) => new URL(url, "http://x")).filter((url) => url.pathname === "/tickets" && !url.searchParams.has("updated_since"));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("departments in the inbox", () => {
  setLanguage("en");

  it("shows each department's queues with the counts' numbers and lists one department's tickets", async () => {
    const fetch = api({});
    show(fetch, manager);
    const whole = await screen.findByRole("button", { name: "Facilities (5)" }, WAIT);
    expect(screen.getByRole("button", { name: "Facilities: Unassigned (2)" })).toBeTruthy();
    // The department column names the department from the same answer (no request of its own).
    const row = screen.getByRole("link", { name: "T-3 Printer 3" }).closest("tr") as HTMLElement;
    expect(within(row).getByText("Facilities")).toBeTruthy();
    expect(fetch.mock.calls.some(([url]) => new URL(url, "http://x").pathname === "/departments")).toBe(false);

    fireEvent.click(whole);
    await screen.findByRole("link", { name: "T-4 Boiler" }, WAIT);
    const asked = lists(fetch).at(-1);
    expect(asked?.searchParams.get("department_id")).toBe("d-1");
    expect(asked?.searchParams.get("view")).toBe("all");
    expect(screen.getByRole("button", { name: "Facilities (5)" }).getAttribute("aria-current")).toBe("true");
  });

  it("offers an agent the unassigned tickets of their departments, and a filter for tickets without one", async () => {
    const fetch = api({});
    show(fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Unassigned: Facilities (2)" }, WAIT));
    await screen.findByRole("link", { name: "T-4 Boiler" }, WAIT);
    const asked = lists(fetch).at(-1);
    expect(asked?.searchParams.get("view")).toBe("unassigned");
    expect(asked?.searchParams.get("department_id")).toBe("d-1");

    fireEvent.change(screen.getByLabelText("Department"), { target: { value: "none" } });
    await waitFor(() => expect(lists(fetch).at(-1)?.searchParams.get("department_id")).toBe("none"), WAIT);
    fireEvent.change(screen.getByLabelText("Department"), { target: { value: "" } });
    await waitFor(() => expect(lists(fetch).at(-1)?.searchParams.has("department_id")).toBe(false), WAIT);
  });
});

describe("merging from the bulk bar", () => {
  setLanguage("en");

  it("merges the selected tickets into the one chosen, after the preview, with an Idempotency-Key", async () => {
    const preview = {
      target: ticket(3),
      sources: [ticket(1)],
      comments: 4,
      attachments: 0,
      cc_emails: [],
      warnings: [],
    };
    const fetch = api({
      "POST /tickets/T-3/merge/preview": () => answer(preview),
      "POST /tickets/T-3/merge": () => answer({ ticket: ticket(3), merged: ["T-1"] }),
    });
    show(fetch);
    await screen.findByRole("link", { name: "T-3 Printer 3" }, WAIT);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select T-3" }));
    const bar = await screen.findByRole("region", { name: "Selected: 1" }, WAIT);
    // One ticket is nothing to merge.
    expect((within(bar).getByRole("button", { name: "Merge tickets (1)" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select T-1" }));
    fireEvent.click(await screen.findByRole("button", { name: "Merge tickets (2)" }, WAIT));
    const dialog = screen.getByRole("dialog", { name: "Merge 2 tickets" });
    expect((within(dialog).getByRole("radio", { name: "T-3 Printer 3" }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByRole("button", { name: "Preview the merge" }));
    await within(dialog).findByText("Moves 4 messages and 0 attachments.", undefined, WAIT);
    expect(within(dialog).getByText("No CCs afterwards.")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Merge into T-3" }));
    expect(await screen.findByText("T-1 merged into T-3.", undefined, WAIT)).toBeTruthy();
    const merges = fetch.mock.calls.filter(([url, init]) => init.method === "POST" && new URL(url, "http://x").pathname === "/tickets/T-3/merge");
    expect(merges).toHaveLength(1);
    expect(JSON.parse(String(merges[0][1].body))).toEqual({ source_numbers: ["T-1"], note: null });
    expect((merges[0][1].headers as Record<string, string>)["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    // The selection is cleared and the list asked again.
    await waitFor(() => expect(screen.queryByRole("region", { name: /^Selected/ })).toBeNull(), WAIT);
  });
});
