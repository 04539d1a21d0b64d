import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import { endSession, getSession, type Session, startSession } from "../session";
import { HEARTBEAT_MS, newestCommentId } from "./collab";
import { conversationBehind } from "./Presence";
import { TicketPage } from "./TicketPage";

/** A loaded machine renders the first screen slowly: wait longer than the default second. */
const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

const me = { id: "u-me", email: "alex@x.example", first_name: "Alex", last_name: "Agent", role: "agent", is_active: true };
const sam = { id: "u-sam", email: "sam@x.example", first_name: "Sam", last_name: "Smith", role: "agent", is_active: true };
const casey = { id: "c1", email: "casey@x.example", first_name: "Casey", last_name: "Customer", role: "customer", is_active: true };
// The signed-in session (leaving a ticket says so only while the session it was opened with lasts).
startSession({ token: "tok", expires_at: "2999-01-01T00:00:00.000000Z", user: me } as never);
const session = getSession() as Session;

function detail(fields: Record<string, unknown> = {}) {
  return {
    ticket_number: "T-7",
    subject: "Printer jams",
    description: "It jams.",
    status: "open",
    priority: "normal",
    channel: "web",
    customer_id: "c1",
    assigned_agent_id: null,
    tags: [],
    custom_fields: {},
    created_at: "2026-11-30T09:00:00.000000Z",
    work_order_numbers: [],
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
      { id: "m2", author_id: "u-me", content: "Fuser is worn.", comment_type: "internal", has_attachments: false, created_at: "2026-11-30T11:00:00.000000Z" },
      { id: "m1", author_id: "c1", content: "Still jamming.", comment_type: "public", has_attachments: false, created_at: "2026-11-30T10:00:00.000000Z" },
    ],
    comments_next_cursor: null,
    attachments: [],
    presence: [],
    included: { users: [me, casey], customers: [], sla_policies: [], counts: null },
    ...fields,
  };
}

function answer(body: unknown, status = 200): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const macro = { id: "m-fuser", name: "Fuser ordered", description: "Tell them the part is on its way", scope: "personal", owner_id: "u-me", actions: [], position: 0 };
const sent = { comment: { id: "m9", author_id: "u-me", content: "x", comment_type: "public", has_attachments: false, created_at: "2026-11-30T12:00:00.000000Z" } };

/** A fake API by method and path; anything else answers an empty list (or the empty SLA). */
function api(routes: Record<string, (body: unknown) => Response>) {
  return vi.fn(async (url: string, init: RequestInit) => {
    const path = new URL(url, "http://x").pathname;
    const route = routes[`${init.method} ${path}`];
    if (route) return route(init.body === undefined ? undefined : JSON.parse(String(init.body)));
    if (path.endsWith("/sla")) return answer({ policy_id: null, policy_name: null, breached: false, targets: {} });
    if (path === "/tickets/T-7/presence" && init.method === "POST") return answer({ presence: [], newest_comment_id: null });
    if (init.method === "DELETE") return answer(null, 204);
    if (path === "/users") return answer({ items: [me, sam, casey], next_cursor: null });
    return answer({ items: [], next_cursor: null });
  });
}

function calls(fetch: ReturnType<typeof api>, method: string, path: string) {
  return fetch.mock.calls.filter(([url, init]) => init.method === method && new URL(url, "http://x").pathname === path);
}
const bodies = (fetch: ReturnType<typeof api>, method: string, path: string) => calls(fetch, method, path).map(([, init]) => JSON.parse(String(init.body)));

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
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("macros on the ticket page", () => {
  setLanguage("en");

  it("previews a macro's changes and reply, applies it with an Idempotency-Key and reloads the ticket", async () => {
    let reads = 0;
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail({ priority: reads++ > 0 ? "high" : "normal" })),
      "GET /macros": () => answer({ items: [macro], next_cursor: null }),
      "POST /macros/m-fuser/preview": () =>
        answer({
          ticket: detail({ priority: "high" }),
          changes: [
            { field: "priority", old_value: "normal", new_value: "high" },
            { field: "tags", old_value: "[]", new_value: '["parts", "vip"]' },
            { field: "first_response_due", old_value: "2026-11-30T13:00:00.000000Z", new_value: "2026-11-30T10:00:00.000000Z" },
          ],
          comments: [{ comment_type: "public", content: "Hi Casey, the fuser for T-7 is on its way. Alex" }],
          notifications: [],
        }),
      "POST /macros/m-fuser/apply": () => answer({ results: [{ ticket_number: "T-7", status: "applied", error: null, ticket: null }], applied: 1, failed: 0 }),
    });
    show(fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Fuser ordered" }, WAIT));
    const dialog = await screen.findByRole("dialog", { name: "Preview: Fuser ordered" }, WAIT);
    expect(await within(dialog).findByText("Priority Normal → High", undefined, WAIT)).toBeTruthy();
    expect(within(dialog).getByText("Tags — → parts, vip")).toBeTruthy();
    // The SLA's recalculation follows from the change; it is not one the agent decides on.
    expect(within(dialog).queryByText(/first_response_due/)).toBeNull();
    const reply = within(dialog).getByRole("region", { name: "Public reply that will be sent" });
    expect(reply.textContent).toContain("Hi Casey, the fuser for T-7 is on its way. Alex");
    expect(bodies(fetch, "POST", "/macros/m-fuser/preview")).toEqual([{ ticket_number: "T-7" }]);
    // The preview wrote nothing: no apply yet. Cancel is the first (focused) choice.
    expect(calls(fetch, "POST", "/macros/m-fuser/apply")).toHaveLength(0);
    expect(document.activeElement?.textContent).toBe("Cancel");

    fireEvent.click(within(dialog).getByRole("button", { name: "Apply" }));
    expect(await screen.findByText("Macro “Fuser ordered” applied.", undefined, WAIT)).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    const [apply] = calls(fetch, "POST", "/macros/m-fuser/apply");
    expect(JSON.parse(String(apply[1].body))).toEqual({ ticket_numbers: ["T-7"] });
    expect((apply[1].headers as Record<string, string>)["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect((screen.getByLabelText("Priority") as HTMLSelectElement).value).toBe("high"), WAIT);
  });

  it("keeps the dialog open with the reason when the macro failed on the ticket", async () => {
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail()),
      "GET /macros": () => answer({ items: [macro], next_cursor: null }),
      "POST /macros/m-fuser/preview": () => answer({ ticket: detail(), changes: [], comments: [], notifications: [] }),
      "POST /macros/m-fuser/apply": () => answer({ results: [{ ticket_number: "T-7", status: "failed", error: { code: "ticket_closed", message: "closed" }, ticket: null }], applied: 0, failed: 1 }),
    });
    show(fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Fuser ordered" }, WAIT));
    const dialog = await screen.findByRole("dialog", undefined, WAIT);
    expect(await within(dialog).findByText("This macro would change nothing on this ticket.", undefined, WAIT)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Apply" }));
    expect((await within(dialog).findByRole("alert", undefined, WAIT)).textContent).toBe("This ticket is closed and cannot change.");
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});

describe("collision detection on the ticket page", () => {
  setLanguage("en");

  it("beats every 20 s as viewing, says replying while the composer has text, and leaves with DELETE", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const others = [{ user_id: "u-sam", name: "Sam Smith", state: "replying", since: "2026-11-30T12:00:00.000000Z", expires_at: "2026-11-30T12:01:00.000000Z" }];
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail({ presence: [{ ...others[0], state: "viewing" }] })),
      "POST /tickets/T-7/presence": () => answer({ presence: others, newest_comment_id: "m2" }),
    });
    const view = show(fetch);
    await screen.findByText("Fuser is worn.", undefined, WAIT);
    await waitFor(() => expect(screen.getByText("Also here: Sam Smith (replying)")).toBeTruthy(), WAIT);
    expect(screen.getByText("Also here: Sam Smith (replying)").getAttribute("aria-live")).toBe("polite");
    expect(bodies(fetch, "POST", "/tickets/T-7/presence")).toEqual([{ state: "viewing" }]);

    await act(async () => {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    });
    expect(bodies(fetch, "POST", "/tickets/T-7/presence")).toEqual([{ state: "viewing" }, { state: "viewing" }]);

    fireEvent.change(screen.getByLabelText("Reply to the requester"), { target: { value: "On it" } });
    await waitFor(() => expect(bodies(fetch, "POST", "/tickets/T-7/presence").at(-1)).toEqual({ state: "replying" }), WAIT);
    fireEvent.change(screen.getByLabelText("Reply to the requester"), { target: { value: " " } });
    await waitFor(() => expect(bodies(fetch, "POST", "/tickets/T-7/presence").at(-1)).toEqual({ state: "viewing" }), WAIT);

    expect(calls(fetch, "DELETE", "/tickets/T-7/presence")).toHaveLength(0);
    view.unmount();
    expect(calls(fetch, "DELETE", "/tickets/T-7/presence")).toHaveLength(1);
  });

  it("moving to another ticket leaves the first, beats on the second and takes no draft along", async () => {
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail()),
      "GET /tickets/T-8": () => answer(detail({ ticket_number: "T-8", subject: "Scanner stuck", comments: [] })),
      "POST /tickets/T-8/presence": () => answer({ presence: [], newest_comment_id: null }),
      "POST /tickets/T-8/comments": () => answer(sent, 201),
    });
    vi.stubGlobal("fetch", fetch);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const page = (number: string) => (
      <QueryClientProvider client={client}>
        <TicketPage session={session} number={number} organization={undefined} />
      </QueryClientProvider>
    );
    const view = render(page("T-7"));
    await screen.findByText("Fuser is worn.", undefined, WAIT);
    fireEvent.change(screen.getByLabelText("Reply to the requester"), { target: { value: "Meant for T-7" } });
    view.rerender(page("T-8"));
    await screen.findByRole("heading", { name: "Scanner stuck" }, WAIT);
    expect(calls(fetch, "DELETE", "/tickets/T-7/presence")).toHaveLength(1);
    await waitFor(() => expect(bodies(fetch, "POST", "/tickets/T-8/presence")).toEqual([{ state: "viewing" }]), WAIT);
    expect((screen.getByLabelText("Reply to the requester") as HTMLTextAreaElement).value).toBe("");
    // A ticket without comments: the composer says it showed none.
    fireEvent.change(screen.getByLabelText("Reply to the requester"), { target: { value: "For T-8" } });
    fireEvent.click(screen.getByRole("button", { name: "Send reply" }));
    await waitFor(() => expect(bodies(fetch, "POST", "/tickets/T-8/comments")).toEqual([{ content: "For T-8", comment_type: "public", seen_comment_id: "", confirm: false }]), WAIT);
  });

  it("sends no leave once the session has ended (its 401 would end the next session)", async () => {
    const fetch = api({ "GET /tickets/T-7": () => answer(detail()) });
    const view = show(fetch);
    await screen.findByText("Fuser is worn.", undefined, WAIT);
    endSession();
    try {
      view.unmount();
      expect(calls(fetch, "DELETE", "/tickets/T-7/presence")).toHaveLength(0);
    } finally {
      startSession({ token: "tok", expires_at: "2999-01-01T00:00:00.000000Z", user: me } as never);
    }
  });

  it("does not beat while the page is hidden", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fetch = api({ "GET /tickets/T-7": () => answer(detail()) });
    show(fetch);
    await screen.findByText("Fuser is worn.", undefined, WAIT);
    await waitFor(() => expect(calls(fetch, "POST", "/tickets/T-7/presence")).toHaveLength(1), WAIT);
    const hidden = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    await act(async () => {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 3);
    });
    expect(calls(fetch, "POST", "/tickets/T-7/presence")).toHaveLength(1);
    hidden.mockReturnValue("visible");
    act(() => {
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await waitFor(() => expect(calls(fetch, "POST", "/tickets/T-7/presence")).toHaveLength(2), WAIT);
  });

  it("sends the newest comment shown; on 409 newer_reply shows the newer replies as text and Send anyway resends with confirm", async () => {
    const attack = '<img src=x onerror="window.pwned=1">Already replied!';
    let posts = 0;
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail()),
      "POST /tickets/T-7/comments": () =>
        posts++ === 0
          ? answer(
              {
                error: {
                  code: "newer_reply",
                  message: "newer",
                  details: [{ id: "m3", author_id: "u-sam", comment_type: "public", content: attack, created_at: "2026-11-30T11:30:00.000000Z" }],
                },
              },
              409,
            )
          : answer(sent, 201),
    });
    const { container } = show(fetch);
    await screen.findByText("Fuser is worn.", undefined, WAIT);
    fireEvent.change(screen.getByLabelText("Reply to the requester"), { target: { value: "A new fuser is coming." } });
    fireEvent.click(screen.getByRole("button", { name: "Send reply" }));

    const dialog = await screen.findByRole("dialog", { name: "New replies since you opened the ticket" }, WAIT);
    expect(within(dialog).getByText(attack)).toBeTruthy();
    expect(container.ownerDocument.querySelector("img")).toBeNull();
    await waitFor(() => expect(within(dialog).getByText("Sam Smith")).toBeTruthy(), WAIT);
    expect(bodies(fetch, "POST", "/tickets/T-7/comments")).toEqual([{ content: "A new fuser is coming.", comment_type: "public", seen_comment_id: "m2", confirm: false }]);

    fireEvent.click(within(dialog).getByRole("button", { name: "Send anyway" }));
    expect(await screen.findByText("Reply sent.", undefined, WAIT)).toBeTruthy();
    const [first, second] = calls(fetch, "POST", "/tickets/T-7/comments");
    expect(JSON.parse(String(second[1].body))).toEqual({ content: "A new fuser is coming.", comment_type: "public", seen_comment_id: "m2", confirm: true });
    const key = (call: typeof first) => (call[1].headers as Record<string, string>)["Idempotency-Key"];
    expect(key(second)).not.toBe(key(first));
    expect((screen.getByLabelText("Reply to the requester") as HTMLTextAreaElement).value).toBe("");
  });

  it("on Cancel keeps the draft, sends nothing more and reloads the conversation", async () => {
    let reads = 0;
    const newer = { id: "m3", author_id: "u-sam", content: "Already replied.", comment_type: "public", has_attachments: false, created_at: "2026-11-30T11:30:00.000000Z" };
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail(reads++ > 0 ? { comments: [...detail().comments, newer] } : {})),
      "POST /tickets/T-7/comments": () => answer({ error: { code: "newer_reply", message: "newer", details: [{ ...newer }] } }, 409),
    });
    show(fetch);
    await screen.findByText("Fuser is worn.", undefined, WAIT);
    fireEvent.change(screen.getByLabelText("Reply to the requester"), { target: { value: "My draft" } });
    fireEvent.click(screen.getByRole("button", { name: "Send reply" }));
    const dialog = await screen.findByRole("dialog", undefined, WAIT);
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await screen.findByText(/Your draft is kept/, undefined, WAIT)).toBeTruthy();
    expect((screen.getByLabelText("Reply to the requester") as HTMLTextAreaElement).value).toBe("My draft");
    // The conversation now shows the newer reply, and the next send is based on it.
    expect(await screen.findByText("Already replied.", undefined, WAIT)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Send reply" }));
    await waitFor(() => expect(calls(fetch, "POST", "/tickets/T-7/comments")).toHaveLength(2), WAIT);
    expect(bodies(fetch, "POST", "/tickets/T-7/comments")[1].seen_comment_id).toBe("m3");
  });

  it("offers the new messages when a heartbeat names a comment the conversation lacks", async () => {
    let reads = 0;
    const newer = { id: "m3", author_id: "u-sam", content: "Sam was quicker.", comment_type: "public", has_attachments: false, created_at: "2026-11-30T11:30:00.000000Z" };
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail(reads++ > 0 ? { comments: [...detail().comments, newer] } : {})),
      "POST /tickets/T-7/presence": () => answer({ presence: [], newest_comment_id: "m3" }),
    });
    show(fetch);
    const button = await screen.findByRole("button", { name: "Show the new messages" }, WAIT);
    expect(screen.getByText(/Someone added to this ticket/).closest("[aria-live]")?.getAttribute("aria-live")).toBe("polite");
    fireEvent.click(button);
    expect(await screen.findByText("Sam was quicker.", undefined, WAIT)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("button", { name: "Show the new messages" })).toBeNull(), WAIT);
  });

  it("judges the conversation behind only when it holds every comment", () => {
    const loaded = [{ id: "m1" }, { id: "m2" }];
    expect(conversationBehind(null, loaded, true)).toBe(false);
    expect(conversationBehind("m2", loaded, true)).toBe(false);
    expect(conversationBehind("m3", loaded, true)).toBe(true);
    expect(conversationBehind("m3", loaded, false)).toBe(false);
  });

  it("says it showed no comment with an empty seen_comment_id", () => {
    expect(newestCommentId([])).toBe("");
    expect(
      newestCommentId([
        { id: "b", created_at: "2026-11-30T11:00:00.000000Z" },
        { id: "a", created_at: "2026-11-30T10:00:00.000000Z" },
      ]),
    ).toBe("b");
  });
});
