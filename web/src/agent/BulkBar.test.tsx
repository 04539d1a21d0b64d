import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import type { Session } from "../session";
import { changesOf, tagList } from "./BulkBar";
import { Workspace } from "./Workspace";

/** A loaded machine renders the first screen slowly: wait longer than the default second. */
const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

const me = { id: "u-me", email: "alex@x.example", first_name: "Alex", last_name: "Agent", role: "agent", is_active: true };
const sam = { id: "u-sam", email: "sam@x.example", first_name: "Sam", last_name: "Smith", role: "agent", is_active: true };
const casey = { id: "c1", email: "casey@x.example", first_name: "Casey", last_name: "Customer", role: "customer", is_active: true };
const session = { token: "tok", expiresAt: "2999-01-01T00:00:00.000000Z", user: me } as unknown as Session;

function ticket(number: number, fields: Record<string, unknown> = {}) {
  return {
    ticket_number: `T-${number}`,
    number,
    subject: `Printer ${number}`,
    status: "open",
    priority: "normal",
    assigned_agent_id: "u-me",
    customer_id: "c1",
    sla_policy_id: null,
    sla_due_at: null,
    created_at: `2026-11-0${number}T10:00:00.000000Z`,
    updated_at: `2026-11-0${number}T10:00:00.000000Z`,
    tags: [],
    version: 1,
    ...fields,
  };
}

function answer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const macro = { id: "m-close", name: "Close as duplicate", description: "", scope: "organization", owner_id: null, actions: [], position: 0 };

/** A fake API by method and path; every call is recorded with its body and headers. */
function api(routes: Record<string, (body: unknown) => Response>) {
  return vi.fn(async (url: string, init: RequestInit) => {
    const path = new URL(url, "http://x").pathname;
    const route = routes[`${init.method} ${path}`];
    if (route) return route(init.body === undefined ? undefined : JSON.parse(String(init.body)));
    if (path === "/tickets") return answer({ items: [ticket(3), ticket(2), ticket(1)], next_cursor: null, included: { users: [me, casey], customers: [], sla_policies: [] } });
    if (path === "/users") return answer({ items: [me, sam, casey], next_cursor: null });
    if (path === "/departments") return answer({ items: [{ id: "d-1", name: "Facilities", is_active: true }], next_cursor: null });
    if (path === "/macros") return answer({ items: [macro], next_cursor: null });
    return answer({ items: [], next_cursor: null });
  });
}

function show(fetch: ReturnType<typeof api>) {
  vi.stubGlobal("fetch", fetch);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  window.history.replaceState(null, "", "/app/");
  return render(
    <QueryClientProvider client={client}>
      <Workspace session={session} path="/app/" />
    </QueryClientProvider>,
  );
}

function calls(fetch: ReturnType<typeof api>, method: string, path: string) {
  return fetch.mock.calls.filter(([url, init]) => init.method === method && new URL(url, "http://x").pathname === path);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("bulk changes from the inbox", () => {
  setLanguage("en");

  it("shows no bar and asks for nothing more until a ticket is selected", async () => {
    const fetch = api({});
    show(fetch);
    await screen.findByRole("link", { name: "T-3 Printer 3" }, WAIT);
    expect(screen.queryByRole("region", { name: /Selected/ })).toBeNull();
    // The list's one read (the views sidebar beside it asks for its own): nothing for the bulk bar.
    expect(fetch.mock.calls.filter(([url]) => !new URL(url, "http://x").pathname.startsWith("/views"))).toHaveLength(1);
  });

  it("sends the chosen changes for the ticked tickets in one request with an Idempotency-Key, and words each result", async () => {
    const fetch = api({
      "POST /tickets/bulk": () =>
        answer({
          results: [
            { ticket_number: "T-3", status: "applied", error: null, ticket: ticket(3, { priority: "high" }) },
            { ticket_number: "T-1", status: "failed", error: { code: "ticket_closed", message: "closed" }, ticket: null },
          ],
          applied: 1,
          failed: 1,
        }),
    });
    show(fetch);
    await screen.findByRole("link", { name: "T-3 Printer 3" }, WAIT);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select T-3" }));
    // x ticks the focused row (k/j move the focus as in the list).
    fireEvent.keyDown(document.body, { key: "j" });
    fireEvent.keyDown(document.body, { key: "j" });
    fireEvent.keyDown(document.body, { key: "x" });
    const bar = await screen.findByRole("region", { name: "Selected: 2" }, WAIT);
    const apply = within(bar).getByRole("button", { name: "Apply to selected (2)" }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    fireEvent.change(within(bar).getByLabelText("Priority"), { target: { value: "high" } });
    fireEvent.change(within(bar).getByLabelText("Add tags"), { target: { value: "printer, floor-3 ," } });
    const listed = calls(fetch, "GET", "/tickets").length;
    fireEvent.click(apply);

    const results = await screen.findByRole("region", { name: "Bulk change results" }, WAIT);
    const [post] = calls(fetch, "POST", "/tickets/bulk");
    expect(JSON.parse(String(post[1].body))).toEqual({ ticket_numbers: ["T-3", "T-1"], changes: { priority: "high", add_tags: ["printer", "floor-3"] } });
    expect((post[1].headers as Record<string, string>)["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(results.textContent).toContain("Applied: 1. Unchanged: 0. Failed: 1.");
    expect(within(results).getByText("T-3").closest("li")?.textContent).toContain("applied");
    expect(within(results).getByText("T-1").closest("li")?.textContent).toContain("failed — This ticket is closed and cannot change.");
    // The list is asked again, and the ticket that failed stays selected.
    await waitFor(() => expect(calls(fetch, "GET", "/tickets").length).toBeGreaterThan(listed), WAIT);
    expect(await screen.findByRole("region", { name: "Selected: 1" }, WAIT)).toBeTruthy();
    expect((screen.getByRole("checkbox", { name: "Select T-1" }) as HTMLInputElement).checked).toBe(true);
  });

  it("uses a new Idempotency-Key for each request", async () => {
    const fetch = api({ "POST /tickets/bulk": () => answer({ results: [{ ticket_number: "T-2", status: "failed", error: { code: "forbidden", message: "no" }, ticket: null }], applied: 0, failed: 1 }) });
    show(fetch);
    await screen.findByRole("link", { name: "T-2 Printer 2" }, WAIT);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select T-2" }));
    for (const value of ["low", "urgent"]) {
      const bar = await screen.findByRole("region", { name: "Selected: 1" }, WAIT);
      fireEvent.change(within(bar).getByLabelText("Priority"), { target: { value } });
      fireEvent.click(within(bar).getByRole("button", { name: "Apply to selected (1)" }));
      await screen.findByText(/Your role does not allow this/, undefined, WAIT);
      await waitFor(() => expect((within(bar).getByLabelText("Priority") as HTMLSelectElement).value).toBe(""), WAIT);
    }
    const keys = calls(fetch, "POST", "/tickets/bulk").map(([, init]) => (init.headers as Record<string, string>)["Idempotency-Key"]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("selects every ticket shown, and applies a macro to them", async () => {
    const fetch = api({
      "POST /macros/m-close/apply": (body) =>
        answer({
          results: (body as { ticket_numbers: string[] }).ticket_numbers.map((number) => ({ ticket_number: number, status: number === "T-2" ? "unchanged" : "applied", error: null, ticket: null })),
          applied: 2,
          failed: 0,
        }),
    });
    show(fetch);
    await screen.findByRole("link", { name: "T-3 Printer 3" }, WAIT);
    fireEvent.click(screen.getByRole("checkbox", { name: "Select all tickets shown" }));
    const bar = await screen.findByRole("region", { name: "Selected: 3" }, WAIT);
    await within(bar).findByRole("option", { name: "Close as duplicate" }, WAIT);
    fireEvent.change(within(bar).getByLabelText("Macro"), { target: { value: "m-close" } });
    fireEvent.click(within(bar).getByRole("button", { name: "Apply macro to selected (3)" }));
    const results = await screen.findByRole("region", { name: "Results of macro “Close as duplicate”" }, WAIT);
    expect(results.textContent).toContain("Applied: 2. Unchanged: 1. Failed: 0.");
    const [post] = calls(fetch, "POST", "/macros/m-close/apply");
    expect(JSON.parse(String(post[1].body))).toEqual({ ticket_numbers: ["T-3", "T-2", "T-1"] });
    expect((post[1].headers as Record<string, string>)["Idempotency-Key"]).toBeTruthy();
    // Nothing failed: the selection is cleared and the bar is gone.
    await waitFor(() => expect(screen.queryByRole("region", { name: /^Selected/ })).toBeNull(), WAIT);
  });

  it("refuses more tickets than one request takes, before asking the API", async () => {
    const many = Array.from({ length: 101 }, (_, index) => ticket(index + 1, { created_at: "2026-11-01T10:00:00.000000Z", updated_at: "2026-11-01T10:00:00.000000Z" }));
    const fetch = api({ "GET /tickets": () => answer({ items: many, next_cursor: null, included: null }) });
    show(fetch);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Select all tickets shown" }, WAIT));
    const bar = await screen.findByRole("region", { name: "Selected: 101" }, WAIT);
    expect(within(bar).getByRole("alert").textContent).toBe("At most 100 tickets can be changed at once. Select fewer.");
    fireEvent.change(within(bar).getByLabelText("Priority"), { target: { value: "low" } });
    expect((within(bar).getByRole("button", { name: "Apply to selected (101)" }) as HTMLButtonElement).disabled).toBe(true);
    // One unticked: the bar takes them.
    fireEvent.click(screen.getByRole("checkbox", { name: "Select T-1" }));
    const fewer = await screen.findByRole("region", { name: "Selected: 100" }, WAIT);
    expect(within(fewer).queryByRole("alert")).toBeNull();
    expect((screen.getByRole("checkbox", { name: "Select all tickets shown" }) as HTMLInputElement).indeterminate).toBe(true);
    expect(calls(fetch, "POST", "/tickets/bulk")).toHaveLength(0);
  });

  it("renders ticket subjects in the results as text", async () => {
    const attack = '<img src=x onerror="window.pwned=1">';
    const fetch = api({
      "GET /tickets": () => answer({ items: [ticket(1, { subject: attack })], next_cursor: null, included: null }),
      "POST /tickets/bulk": () => answer({ results: [{ ticket_number: "T-1", status: "applied", error: null, ticket: null }], applied: 1, failed: 0 }),
    });
    const { container } = show(fetch);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Select T-1" }, WAIT));
    const bar = await screen.findByRole("region", { name: "Selected: 1" }, WAIT);
    fireEvent.change(within(bar).getByLabelText("Status"), { target: { value: "pending" } });
    fireEvent.click(within(bar).getByRole("button", { name: "Apply to selected (1)" }));
    const results = await screen.findByRole("region", { name: "Bulk change results" }, WAIT);
    expect(results.textContent).toContain(attack);
    expect(container.querySelector("img")).toBeNull();
  });
});

describe("the bulk changes sent", () => {
  it("leaves out what the agent did not choose and clears with 'none'", () => {
    const keep = { status: "", priority: "", assignee: "", department: "", addTags: "", removeTags: "" };
    expect(changesOf(keep)).toEqual({});
    expect(changesOf({ ...keep, assignee: "none", department: "none" })).toEqual({ assigned_agent_id: null, department_id: null });
    expect(changesOf({ ...keep, status: "solved", assignee: "u-sam", department: "d-1", removeTags: " spam " })).toEqual({
      status: "solved",
      assigned_agent_id: "u-sam",
      department_id: "d-1",
      remove_tags: ["spam"],
    });
    expect(tagList(" a, ,b ,")).toEqual(["a", "b"]);
  });
});
