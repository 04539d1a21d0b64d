import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import type { Session } from "../session";
import { POLL_MS } from "./Inbox";
import { Workspace } from "./Workspace";

/** A loaded machine renders the first screen slowly: wait longer than the default second. */
const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

const me = { id: "u-me", email: "alex@x.example", first_name: "Alex", last_name: "Agent", role: "agent" };
const casey = { id: "c1", email: "casey@x.example", first_name: "Casey", last_name: "Customer", role: "customer" };
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
    sla_breach: false,
    first_response_at: null,
    resolved_at: null,
    created_at: `2026-11-0${number}T10:00:00.000000Z`,
    updated_at: `2026-11-0${number}T10:00:00.000000Z`,
    tags: ["printer"],
    version: 1,
    ...fields,
  };
}

function counts(open: number) {
  const queue = (n: number) => ({ total: n, by_status: { open: n }, by_priority: { normal: n } });
  return { mine: queue(open), unassigned: queue(0), all: null, departments: [], as_of: "2026-11-30T00:00:00.000000Z" };
}

function answer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** The workspace with `fetch` answering the ticket routes; the views sidebar's requests go to `views`. */
function show(fetch: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>) {
  const views = async () => answer({ items: [], next_cursor: null });
  vi.stubGlobal("fetch", (url: string, init?: RequestInit) => (url.startsWith("/views") ? views() : fetch(url, init)));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  window.history.replaceState(null, "", "/app/");
  return render(
    <QueryClientProvider client={client}>
      <Workspace session={session} path="/app/" />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the inbox", () => {
  setLanguage("en");

  it("renders the queue from one request with requesters side-loaded", async () => {
    const fetch = vi.fn().mockResolvedValue(answer({ items: [ticket(2), ticket(1)], next_cursor: null, included: { users: [me, casey], customers: [], sla_policies: [] } }));
    show(fetch);
    expect(await screen.findByRole("link", { name: "T-2 Printer 2" }, WAIT)).toBeTruthy();
    expect(screen.getAllByText("casey@x.example")).toHaveLength(2);
    expect(fetch).toHaveBeenCalledTimes(1);
    const url = new URL(fetch.mock.calls[0][0] as string, "http://x");
    expect(url.pathname).toBe("/tickets");
    expect(Object.fromEntries(url.searchParams)).toEqual({ view: "mine", include: "users,customers,sla_policy,sla,counts", limit: "25" });
  });

  it("merges what changed since the newest ticket every 20 s, one request per tick", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(answer({ items: [ticket(1)], next_cursor: null, included: { users: [me, casey], customers: [], sla_policies: [], counts: counts(1) } }))
      .mockResolvedValue(answer({ items: [ticket(3, { subject: "Fresh one", updated_at: "2026-11-09T10:00:00.000000Z" })], next_cursor: null, included: { users: [casey], customers: [], sla_policies: [], counts: counts(2) } }));
    show(fetch);
    await screen.findByRole("link", { name: "T-1 Printer 1" }, WAIT);
    expect(screen.getByRole("button", { name: "Mine (1)" })).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_MS);
    });
    expect(await screen.findByRole("link", { name: "T-3 Fresh one" }, WAIT)).toBeTruthy();
    expect(fetch).toHaveBeenCalledTimes(2);
    const poll = new URL(fetch.mock.calls[1][0] as string, "http://x");
    expect(poll.searchParams.get("updated_since")).toBe("2026-11-01T10:00:00.000000Z");
    expect(poll.searchParams.get("view")).toBe("mine");
    expect(screen.getByRole("button", { name: "Mine: Open (2)" })).toBeTruthy();
    const rows = screen.getAllByRole("row").slice(1);
    expect(within(rows[0]).getByRole("link").textContent).toContain("Fresh one");
  });

  it("polls an empty queue too, from when it was loaded", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(answer({ items: [], next_cursor: null, included: null }))
      .mockResolvedValue(answer({ items: [ticket(4, { subject: "First of the day" })], next_cursor: null, included: null }));
    show(fetch);
    await screen.findByText("No tickets.", undefined, WAIT);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(POLL_MS);
    });
    expect(await screen.findByRole("link", { name: "T-4 First of the day" }, WAIT)).toBeTruthy();
    const since = new URL(fetch.mock.calls[1][0] as string, "http://x").searchParams.get("updated_since");
    expect(Date.parse(since ?? "")).toBeLessThan(Date.now());
  });

  it("moves with j and k, opens with Enter and ignores keys typed in the search", async () => {
    const fetch = vi.fn().mockResolvedValue(answer({ items: [ticket(2), ticket(1)], next_cursor: null, included: null }));
    show(fetch);
    await screen.findByRole("link", { name: "T-2 Printer 2" }, WAIT);
    fireEvent.keyDown(document.body, { key: "j" });
    expect(document.activeElement?.textContent).toContain("Printer 1");
    fireEvent.keyDown(document.body, { key: "k" });
    expect(document.activeElement?.textContent).toContain("Printer 2");
    const search = screen.getByLabelText("Search tickets");
    fireEvent.keyDown(document.body, { key: "/" });
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: "j" });
    expect(document.activeElement).toBe(search);
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: "j" });
    fireEvent.keyDown(document.body, { key: "Enter" });
    expect(window.location.pathname).toBe("/app/tickets/T-1");
  });

  it("shows the keyboard help in a dialog that keeps focus and closes with Esc", async () => {
    const fetch = vi.fn().mockResolvedValue(answer({ items: [], next_cursor: null, included: null }));
    show(fetch);
    await screen.findByText("No tickets.", undefined, WAIT);
    fireEvent.keyDown(document.body, { key: "?" });
    const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    const close = within(dialog).getByRole("button", { name: "Close" });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: "Tab" });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(document.body, { key: "j" });
    fireEvent.keyDown(close, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
