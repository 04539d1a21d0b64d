import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import type { Session } from "../session";
import { TicketPage } from "./TicketPage";

/** A loaded machine renders the first screen slowly: wait longer than the default second. */
const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

const me = { id: "u-me", email: "alex@x.example", first_name: "Alex", last_name: "Agent", role: "agent", is_active: true };
const casey = { id: "c1", email: "casey@x.example", first_name: "Casey", last_name: "Customer", role: "customer", is_active: true };
const session = { token: "tok", expiresAt: "2999-01-01T00:00:00.000000Z", user: me } as unknown as Session;

function detail(fields: Record<string, unknown> = {}) {
  return {
    ticket_number: "T-7",
    subject: "Printer jams",
    description: "It jams.",
    status: "open",
    priority: "normal",
    channel: "email",
    customer_id: "c1",
    assigned_agent_id: null,
    tags: [],
    custom_fields: {},
    created_at: "2026-11-30T09:00:00.000000Z",
    work_order_numbers: ["WO-1"],
    // Issue 24 fields, as the API answers them for a ticket without any.
    merged_into: null,
    merged_from: [],
    split_from: null,
    split_into: [],
    cc_emails: [],
    follower_ids: [],
    parent_number: null,
    child_count: 0,
    time_spent_minutes: 0,
    billable_minutes: 0,
    department_id: null,
    version: 3,
    comments: [
      { id: "m1", author_id: "c1", content: "Still jamming.", comment_type: "public", has_attachments: false, created_at: "2026-11-30T10:00:00.000000Z" },
      { id: "m2", author_id: "u-me", content: "Fuser is worn.", comment_type: "internal", has_attachments: false, created_at: "2026-11-30T11:00:00.000000Z" },
    ],
    comments_next_cursor: null,
    attachments: [],
    included: { users: [me, casey], customers: [], sla_policies: [], counts: null },
    ...fields,
  };
}

function answer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}
const error = (status: number, code: string) => answer({ error: { code, message: code, details: [] } }, status);

/** A fake API: each route's answer by method and path. */
function api(routes: Record<string, () => Response>) {
  return vi.fn(async (url: string, init: RequestInit) => {
    const path = new URL(url, "http://x").pathname;
    const route = routes[`${init.method} ${path}`];
    if (route) return route();
    if (path.endsWith("/sla")) return answer({ policy_id: null, policy_name: null, breached: false, targets: {} });
    return answer({ items: [], next_cursor: null });
  });
}

function show(fetch: ReturnType<typeof api>) {
  vi.stubGlobal("fetch", fetch);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <TicketPage session={session} number="T-7" organization={undefined} />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the ticket page", () => {
  setLanguage("en");

  it("tells replies from internal notes in words and shows who mailed in", async () => {
    show(api({ "GET /tickets/T-7": () => answer(detail()), "GET /work-orders/WO-1": () => error(403, "forbidden") }));
    const note = (await screen.findByText("Fuser is worn.", undefined, WAIT)).closest("li");
    expect(note?.textContent).toContain("Internal note (not visible to the requester)");
    expect(note?.className).toContain("internal");
    const reply = screen.getByText("Still jamming.").closest("li");
    expect(reply?.textContent).toContain("Public reply");
    expect(reply?.textContent).toContain("From Casey Customer <casey@x.example> by email");
  });

  it("leaves out work orders the agent may not read, quietly", async () => {
    const fetch = api({ "GET /tickets/T-7": () => answer(detail()), "GET /work-orders/WO-1": () => error(403, "forbidden") });
    show(fetch);
    await screen.findByText("Fuser is worn.", undefined, WAIT);
    await waitFor(() => expect(fetch.mock.calls.some(([url]) => String(url).startsWith("/work-orders/WO-1"))).toBe(true), WAIT);
    expect(screen.queryByRole("heading", { name: "Work orders" })).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("sends the version it shows and, on 412, says someone else changed it and reloads", async () => {
    let reads = 0;
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail({ version: 3 + reads++, priority: reads > 1 ? "urgent" : "normal" })),
      "PATCH /tickets/T-7": () => error(412, "precondition_failed"),
    });
    show(fetch);
    await screen.findByText("Fuser is worn.", undefined, WAIT);
    fireEvent.change(screen.getByLabelText("Priority"), { target: { value: "high" } });
    expect(await screen.findByText(/changed by someone else/, undefined, WAIT)).toBeTruthy();
    const patch = fetch.mock.calls.find(([, init]) => init.method === "PATCH");
    expect((patch?.[1].headers as Record<string, string>)["If-Match"]).toBe('"3"');
    await waitFor(() => expect((screen.getByLabelText("Priority") as HTMLSelectElement).value).toBe("urgent"), WAIT);
    expect(reads).toBe(2);
  });

  it("renders what requesters write as text, never as markup", async () => {
    const attack = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>';
    const { container } = show(api({ "GET /tickets/T-7": () => answer(detail({ subject: attack, description: attack })) }));
    expect(await screen.findByRole("heading", { name: attack }, WAIT)).toBeTruthy();
    expect(container.querySelector("img, script")).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it("shows not found for a ticket the caller may not see", async () => {
    show(api({ "GET /tickets/T-7": () => error(404, "not_found") }));
    expect(await screen.findByRole("heading", { name: "Ticket not found" }, WAIT)).toBeTruthy();
    expect(screen.queryByText("Printer jams")).toBeNull();
  });
});
