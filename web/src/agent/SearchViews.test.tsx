import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import { usePath } from "../router";
import type { Session } from "../session";
import { POLL_MS } from "./Inbox";
import { Workspace } from "./Workspace";

/** A loaded machine renders the first screen slowly: wait longer than the default second. */
const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

const me = { id: "u-me", email: "alex@x.example", first_name: "Alex", last_name: "Agent", role: "agent" };
const sam = { id: "u-sam", email: "sam@x.example", first_name: "Sam", last_name: "Second", role: "agent" };
const agent = { token: "tok", expiresAt: "2999-01-01T00:00:00.000000Z", user: me } as unknown as Session;
const manager = { ...agent, user: { ...me, role: "manager" } } as unknown as Session;

function ticket(number: number, fields: Record<string, unknown> = {}) {
  return {
    ticket_number: `T-${number}`,
    number,
    subject: `Printer ${number}`,
    status: "open",
    priority: "normal",
    assigned_agent_id: "u-sam",
    customer_id: "c1",
    sla_policy_id: null,
    sla_due_at: null,
    sla_breach: false,
    first_response_at: null,
    resolved_at: null,
    created_at: `2026-11-0${number}T10:00:00.000000Z`,
    updated_at: `2026-11-0${number}T10:00:00.000000Z`,
    tags: [],
    version: 1,
    sla_status: { state: "breached", due: "2026-11-01T00:00:00.000000Z", remaining_seconds: null },
    ...fields,
  };
}

function view(id: string, fields: Record<string, unknown> = {}) {
  return {
    id,
    name: id,
    scope: "personal",
    department_id: null,
    owner_id: "u-me",
    filter: {},
    sort: "-updated_at",
    columns: ["ticket_number", "subject", "requester", "status", "priority", "assignee", "updated_at", "sla"],
    position: 0,
    count: null,
    count_capped: false,
    version: 1,
    created_at: "2026-11-01T10:00:00.000000Z",
    updated_at: "2026-11-01T10:00:00.000000Z",
    ...fields,
  };
}

const BUILTINS = [
  view("builtin:my_open", { name: "My open tickets", scope: "builtin", owner_id: null, count: 3 }),
  view("builtin:unassigned", { name: "Unassigned", scope: "builtin", owner_id: null, count: 100, count_capped: true }),
];

function answer(body: unknown, status = 200): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

type Route = (url: URL, init: RequestInit | undefined) => Response | undefined;
type Call = { method: string; url: URL; body: unknown; headers: Headers };

/** A fake API: each call goes to the first route that answers; the inbox and staff get empty defaults. */
function fakeApi(...routes: Route[]) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, "http://x");
    calls.push({ method: init?.method ?? "GET", url, body: init?.body ? JSON.parse(String(init.body)) : undefined, headers: new Headers(init?.headers) });
    for (const route of routes) {
      const response = route(url, init);
      if (response !== undefined) return response;
    }
    if (url.pathname === "/users") return answer({ items: [me, sam], next_cursor: null });
    if (url.pathname === "/views") return answer({ items: BUILTINS, next_cursor: null });
    return answer({ items: [], next_cursor: null, included: null });
  });
  vi.stubGlobal("fetch", fetch);
  return { calls, of: (method: string, path: string) => calls.filter((c) => c.method === method && c.url.pathname === path) };
}

function Routed({ session }: { session: Session }) {
  return <Workspace session={session} path={usePath()} />;
}

function show(address: string, session: Session = agent) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  window.history.replaceState(null, "", address);
  return render(
    <QueryClientProvider client={client}>
      <Routed session={session} />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const hit = (number: number, highlights: unknown[], fields: Record<string, unknown> = {}) => ({ ticket: ticket(number, fields), score: 1, highlights });

describe("the search page", () => {
  setLanguage("en");

  it("asks the search API for the query in the address and marks the matched words as text, never HTML", async () => {
    const api = fakeApi((url) =>
      url.pathname === "/search/tickets"
        ? answer({
            items: [
              hit(7, [
                { field: "comment", comment_id: "c9", text: "<b>toner</b> smudges on every page", matches: [[3, 8], [24, 29]] },
                { field: "subject", comment_id: null, text: "Printer 7", matches: [] },
              ]),
            ],
            next_cursor: null,
            query: { terms: ["toner", "every"], filter: {} },
          })
        : undefined,
    );
    const { container } = show("/app/search?q=toner%20every");
    const row = (await screen.findByRole("link", { name: "T-7 Printer 7" }, WAIT)).closest("tr") as HTMLElement;
    const [request] = api.of("GET", "/search/tickets");
    expect(Object.fromEntries(request.url.searchParams)).toEqual({ q: "toner every", include: "sla", limit: "25" });
    expect(within(row).getByText("Sam Second")).toBeTruthy();
    expect(within(row).getByText("Breached")).toBeTruthy();
    const marks = [...container.querySelectorAll("mark")].map((mark) => mark.textContent);
    expect(marks).toEqual(["toner", "every"]);
    expect(container.querySelector(".snippets b")).toBeNull();
    expect(within(row).getByText(/smudges on/).textContent).toContain("Comment: <b>toner</b> smudges on every page");
    expect((screen.getByLabelText("Search tickets") as HTMLInputElement).value).toBe("toner every");
  });

  it("opens the search from the header box with Enter and loads more with the cursor", async () => {
    const api = fakeApi((url) => {
      if (url.pathname !== "/search/tickets") return undefined;
      return url.searchParams.get("cursor") === "page-2"
        ? answer({ items: [hit(2, [])], next_cursor: null, query: { terms: ["printer"], filter: {} } })
        : answer({ items: [hit(3, [])], next_cursor: "page-2", query: { terms: ["printer"], filter: {} } });
    });
    show("/app/");
    await screen.findByText("No tickets.", undefined, WAIT);
    const box = screen.getByLabelText("Search tickets");
    fireEvent.change(box, { target: { value: "printer status:open" } });
    fireEvent.submit(box);
    expect(window.location.pathname).toBe("/app/search");
    expect(new URLSearchParams(window.location.search).get("q")).toBe("printer status:open");
    await screen.findByRole("link", { name: "T-3 Printer 3" }, WAIT);
    fireEvent.click(screen.getByRole("button", { name: "Load more results" }));
    await screen.findByRole("link", { name: "T-2 Printer 2" }, WAIT);
    expect(api.of("GET", "/search/tickets").map((c) => c.url.searchParams.get("cursor"))).toEqual([null, "page-2"]);
    expect(screen.queryByRole("button", { name: "Load more results" })).toBeNull();
  });

  it("moves through the results with j and k and opens one with Enter", async () => {
    fakeApi((url) => (url.pathname === "/search/tickets" ? answer({ items: [hit(3, []), hit(2, [])], next_cursor: null, query: { terms: [], filter: {} } }) : undefined));
    show("/app/search?q=printer");
    await screen.findByRole("link", { name: "T-3 Printer 3" }, WAIT);
    fireEvent.keyDown(document.body, { key: "j" });
    expect(document.activeElement?.textContent).toContain("Printer 2");
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: "Enter" });
    expect(window.location.pathname).toBe("/app/tickets/T-2");
  });

  it("shows the API's objection to the query next to the box", async () => {
    fakeApi((url) =>
      url.pathname === "/search/tickets"
        ? answer({ error: { code: "invalid_query", message: "m", details: [{ field: "q", message: "unknown filter 'colour:'", type: "invalid_query" }] } }, 422)
        : undefined,
    );
    show("/app/search?q=colour:red");
    const alert = await screen.findByRole("alert", undefined, WAIT);
    expect(alert.textContent).toContain("The search cannot be read:");
    expect(alert.textContent).toContain("q: unknown filter 'colour:'");
    const box = screen.getByLabelText("Search tickets");
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(box.getAttribute("aria-describedby")).toBe(alert.id);
  });

  it("explains the syntax in a popover", async () => {
    fakeApi();
    show("/app/");
    const button = await screen.findByRole("button", { name: "Search syntax" }, WAIT);
    expect(button.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByText("assignee:me")).toBeTruthy();
    expect(screen.getByText('"paper jam"')).toBeTruthy();
    fireEvent.keyDown(button, { key: "Escape" });
    expect(screen.queryByText("assignee:me")).toBeNull();
  });

  it("saves the search's filter as a personal view and shows it", async () => {
    const filter = { status: ["open"], tags: ["vip"] };
    let saved = false;
    const api = fakeApi(
      (url) => (url.pathname === "/search/tickets" ? answer({ items: [hit(3, [])], next_cursor: null, query: { terms: ["printer"], filter } }) : undefined),
      (url, init) => {
        if (url.pathname === "/views" && init?.method === "POST") {
          saved = true;
          return answer(view("v-new", { name: "VIP printers", filter, count: null }), 201);
        }
        if (url.pathname === "/views" && saved) return answer({ items: [...BUILTINS, view("v-new", { name: "VIP printers", filter, count: 1 })], next_cursor: null });
        if (url.pathname === "/views/v-new/tickets") return answer({ items: [ticket(3)], next_cursor: null });
        return undefined;
      },
    );
    show("/app/search?q=printer%20status:open%20tag:vip");
    fireEvent.click(await screen.findByRole("button", { name: "Save as view" }, WAIT));
    expect(document.activeElement).toBe(screen.getByLabelText("Name"));
    expect(screen.queryByLabelText("Visible to")).toBeNull(); // agents keep their views to themselves
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "VIP printers" } });
    fireEvent.click(screen.getByRole("button", { name: "Save view" }));
    expect(await screen.findByRole("button", { name: "VIP printers (1)" }, WAIT)).toBeTruthy();
    const [post] = api.of("POST", "/views");
    expect(post.body).toEqual({ name: "VIP printers", filter, scope: "personal" });
    expect(post.headers.get("Idempotency-Key")).toBeTruthy();
    expect(await screen.findByRole("heading", { name: "VIP printers" }, WAIT)).toBeTruthy();
    expect(window.location.pathname).toBe("/app/");
  });

  it("offers no view for a search without filters (it would hold every ticket)", async () => {
    fakeApi((url) => (url.pathname === "/search/tickets" ? answer({ items: [hit(3, [])], next_cursor: null, query: { terms: ["printer"], filter: { status: [] } } }) : undefined));
    show("/app/search?q=printer");
    await screen.findByRole("link", { name: "T-3 Printer 3" }, WAIT);
    expect(screen.queryByRole("button", { name: "Save as view" })).toBeNull();
  });
});

describe("the views sidebar", () => {
  setLanguage("en");

  it("lists the views by group with their counts, capped ones as 100+, refreshed by one request per tick", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const shared = view("v-team", { name: "Team escalations", scope: "organization", owner_id: "u-boss", count: 4 });
    const mine = view("v-mine", { name: "My VIPs", count: 0 });
    let total = 3;
    const api = fakeApi((url) => (url.pathname === "/views" ? answer({ items: [{ ...BUILTINS[0], count: total }, BUILTINS[1], shared, mine], next_cursor: null }) : undefined));
    show("/app/");
    const nav = await screen.findByRole("navigation", { name: "Queues" }, WAIT);
    await within(nav).findByRole("button", { name: "My open tickets (3)" }, WAIT);
    expect(within(nav).getByRole("button", { name: "Unassigned (100+)" })).toBeTruthy();
    expect(within(within(nav).getByRole("list", { name: "Shared" })).getByRole("button").textContent).toBe("Team escalations (4)");
    expect(within(within(nav).getByRole("list", { name: "My views" })).getByRole("button").textContent).toBe("My VIPs (0)");
    const first = api.of("GET", "/views");
    expect(first).toHaveLength(1);
    expect(first[0].url.searchParams.get("include")).toBe("counts");
    total = 4;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_MS);
    });
    await within(nav).findByRole("button", { name: "My open tickets (4)" }, WAIT);
    expect(api.of("GET", "/views")).toHaveLength(2);
  });

  it("lists a view's tickets in the inbox's table with the view's columns", async () => {
    const columns = ["ticket_number", "subject", "priority", "sla"];
    const api = fakeApi((url) => {
      if (url.pathname === "/views") return answer({ items: [...BUILTINS, view("v-urgent", { name: "Urgent ones", columns, count: 1 })], next_cursor: null });
      if (url.pathname === "/views/v-urgent/tickets") return answer({ items: [ticket(5, { priority: "urgent" })], next_cursor: null });
      return undefined;
    });
    show("/app/");
    fireEvent.click(await screen.findByRole("button", { name: "Urgent ones (1)" }, WAIT));
    const table = await screen.findByRole("table", { name: "Tickets: Urgent ones" }, WAIT);
    expect(within(table).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["Subject", "Priority", "SLA"]);
    expect(within(table).getByRole("link", { name: "T-5 Printer 5" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Urgent ones (1)" }).getAttribute("aria-current")).toBe("true");
    expect(screen.getByRole("button", { name: "Mine" }).getAttribute("aria-current")).toBeNull();
    const [request] = api.of("GET", "/views/v-urgent/tickets");
    expect(request.url.searchParams.get("include")).toBe("users,customers,sla_policy,sla");
    // A built-in view is nobody's to delete; this one is mine.
    expect(screen.getByRole("button", { name: "Delete view “Urgent ones”" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "My open tickets (3)" }));
    await screen.findByRole("heading", { name: "My open tickets" }, WAIT);
    expect(screen.queryByRole("button", { name: /^Delete view/ })).toBeNull();
    // The built-in's id goes as it is: the API does not percent-decode it.
    expect(api.of("GET", "/views/builtin:my_open/tickets")).toHaveLength(1);
    // g i: back to the queue.
    fireEvent.keyDown(document.body, { key: "g" });
    fireEvent.keyDown(document.body, { key: "i" });
    expect(await screen.findByRole("heading", { name: "Inbox" }, WAIT)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Mine" }).getAttribute("aria-current")).toBe("true");
  });

  it("deletes my own view and drops it from the sidebar", async () => {
    let deleted = false;
    const api = fakeApi((url, init) => {
      if (url.pathname === "/views/v-old" && init?.method === "DELETE") {
        deleted = true;
        return answer(null, 204);
      }
      if (url.pathname === "/views") return answer({ items: deleted ? BUILTINS : [...BUILTINS, view("v-old", { name: "Old view", version: 3 })], next_cursor: null });
      return undefined;
    });
    show("/app/");
    fireEvent.click(await screen.findByRole("button", { name: "Old view" }, WAIT));
    fireEvent.click(await screen.findByRole("button", { name: "Delete view “Old view”" }, WAIT));
    await screen.findByRole("heading", { name: "Inbox" }, WAIT);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Old view" })).toBeNull(), WAIT);
    expect(api.of("DELETE", "/views/v-old")).toHaveLength(1);
  });

  it("creates a view from the form's status, priority, assignee and tags; managers may share it", async () => {
    const api = fakeApi((url, init) => (url.pathname === "/views" && init?.method === "POST" ? answer(view("v-made", { name: "Hot" }), 201) : undefined));
    show("/app/", manager);
    fireEvent.click(await screen.findByRole("button", { name: "New view" }, WAIT));
    const form = screen.getByRole("form", { name: "New view" });
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "Hot" } });
    fireEvent.click(within(form).getByLabelText("Open"));
    fireEvent.click(within(form).getByLabelText("New"));
    fireEvent.click(within(form).getByLabelText("Urgent"));
    fireEvent.change(within(form).getByLabelText("Assignee"), { target: { value: "none" } });
    fireEvent.change(within(form).getByLabelText("Tags"), { target: { value: "vip, outage" } });
    fireEvent.change(within(form).getByLabelText("Visible to"), { target: { value: "organization" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save view" }));
    await waitFor(() => expect(api.of("POST", "/views")).toHaveLength(1), WAIT);
    expect(api.of("POST", "/views")[0].body).toEqual({
      name: "Hot",
      filter: { status: ["new", "open"], priority: ["urgent"], assignee: ["none"], tags: ["vip", "outage"] },
      scope: "organization",
    });
  });

  it("shows why the API refused a view", async () => {
    fakeApi((url, init) =>
      url.pathname === "/views" && init?.method === "POST" ? answer({ error: { code: "forbidden", message: "m", details: [] } }, 403) : undefined,
    );
    show("/app/");
    fireEvent.click(await screen.findByRole("button", { name: "New view" }, WAIT));
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Mine" } });
    fireEvent.click(screen.getByRole("button", { name: "Save view" }));
    expect((await screen.findByRole("alert", undefined, WAIT)).textContent).toBe("Your role does not allow this.");
  });
});
