import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import type { Session } from "../session";
import { mergePlan } from "./MergeDialog";
import { emailList, groupLinks, type TicketLink, ticketNumber } from "./relations";
import { fieldLabel, historyValue, TicketPage } from "./TicketPage";

/** A loaded machine renders the first screen slowly: wait longer than the default second. */
const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

const me = { id: "u-me", email: "alex@x.example", first_name: "Alex", last_name: "Agent", role: "agent", is_active: true };
const sam = { id: "u-sam", email: "sam@x.example", first_name: "Sam", last_name: "Smith", role: "agent", is_active: true };
const casey = { id: "c1", email: "casey@x.example", first_name: "Casey", last_name: "Customer", role: "customer", is_active: true };
const session = { token: "tok", expiresAt: "2999-01-01T00:00:00.000000Z", user: me } as unknown as Session;

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
      { id: "m1", author_id: "c1", content: "Also the scanner is broken.", comment_type: "public", has_attachments: false, created_at: "2026-11-30T10:00:00.000000Z", merged_from: null },
      { id: "m2", author_id: "c1", content: "Moved over.", comment_type: "public", has_attachments: false, created_at: "2026-11-30T10:30:00.000000Z", merged_from: "T-3" },
    ],
    comments_next_cursor: null,
    attachments: [],
    presence: [],
    included: { users: [me, casey], customers: [], sla_policies: [], counts: null },
    ...fields,
  };
}

function answer(body: unknown, status = 200): Response {
  if (status === 204) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}
const refusal = (status: number, code: string, details: unknown[] = []) => answer({ error: { code, message: code, details } }, status);

type Route = (body: unknown) => Response;

/** A fake API answering by method and path (never by call order); every call is recorded. */
function api(routes: Record<string, Route>) {
  return vi.fn(async (url: string, init: RequestInit) => {
    const path = new URL(url, "http://x").pathname;
    const route = routes[`${init.method} ${path}`];
    if (route) return route(init.body === undefined ? undefined : JSON.parse(String(init.body)));
    if (path === "/users") return answer({ items: [me, sam, casey], next_cursor: null });
    if (path === "/departments")
      return answer({
        items: [
          { id: "d-1", name: "Facilities", is_active: true },
          { id: "d-2", name: "Closed down", is_active: false },
        ],
        next_cursor: null,
      });
    if (path.endsWith("/sla")) return answer({ policy_id: null, policy_name: null, breached: false, targets: {} });
    return answer({ items: [], next_cursor: null });
  });
}

function calls(fetch: ReturnType<typeof api>, method: string, path: string) {
  return fetch.mock.calls.filter(([url, init]) => init.method === method && new URL(url, "http://x").pathname === path);
}
const bodyOf = (call: [string, RequestInit]) => JSON.parse(String(call[1].body));
const headersOf = (call: [string, RequestInit]) => call[1].headers as Record<string, string>;

function show(fetch: ReturnType<typeof api>) {
  vi.stubGlobal("fetch", fetch);
  window.history.replaceState(null, "", "/app/tickets/T-7");
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <TicketPage session={session} number="T-7" organization={undefined} />
    </QueryClientProvider>,
  );
}

const region = (name: string) => screen.findByRole("region", { name }, WAIT);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("CCs and followers", () => {
  setLanguage("en");

  it("adds CCs typed with commas, removes one, and shows which address a 422 refused and why", async () => {
    let ccs: string[] = ["boss@acme.example"];
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail({ cc_emails: ccs })),
      "POST /tickets/T-7/ccs": (body) => {
        const { add, remove } = body as { add: string[]; remove: string[] };
        if (add.includes("help@deskless.example"))
          return refusal(422, "invalid_cc", [{ field: "add", message: "a support address of the organization", type: "invalid_cc", value: "help@deskless.example" }]);
        ccs = [...ccs.filter((address) => !remove.includes(address)), ...add];
        return answer({ cc_emails: ccs });
      },
    });
    show(fetch);
    const panel = await region("CCs");
    expect(within(panel).getByText("boss@acme.example")).toBeTruthy();
    fireEvent.change(within(panel).getByLabelText("Add CCs (email addresses)"), { target: { value: "ann@acme.example, bob@acme.example" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Add CC" }));
    await within(panel).findByText("bob@acme.example", undefined, WAIT);
    expect(bodyOf(calls(fetch, "POST", "/tickets/T-7/ccs")[0])).toEqual({ add: ["ann@acme.example", "bob@acme.example"], remove: [] });

    fireEvent.click(within(panel).getByRole("button", { name: "Remove CC boss@acme.example" }));
    await waitFor(() => expect(within(panel).queryByText("boss@acme.example")).toBeNull(), WAIT);
    expect(bodyOf(calls(fetch, "POST", "/tickets/T-7/ccs")[1])).toEqual({ add: [], remove: ["boss@acme.example"] });

    fireEvent.change(within(panel).getByLabelText("Add CCs (email addresses)"), { target: { value: "help@deskless.example" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Add CC" }));
    expect(await within(panel).findByText("An address cannot be copied.", undefined, WAIT)).toBeTruthy();
    expect(within(panel).getByText("help@deskless.example: a support address of the organization")).toBeTruthy();
    // The refused address stays in the box to be corrected.
    expect((within(panel).getByLabelText("Add CCs (email addresses)") as HTMLInputElement).value).toBe("help@deskless.example");
  });

  it("follows and unfollows for the agent, and names the followers", async () => {
    let followers = ["u-sam"];
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail({ follower_ids: followers })),
      "POST /tickets/T-7/followers": (body) => {
        const { add, remove } = body as { add: string[]; remove: string[] };
        followers = [...followers.filter((id) => !remove.includes(id)), ...add];
        return answer({ follower_ids: followers });
      },
    });
    show(fetch);
    const panel = await region("Followers");
    await within(panel).findByText("Sam Smith", undefined, WAIT);
    fireEvent.click(within(panel).getByRole("button", { name: "Follow" }));
    await within(panel).findByText("Alex Agent (me)", undefined, WAIT);
    expect(bodyOf(calls(fetch, "POST", "/tickets/T-7/followers")[0])).toEqual({ add: ["u-me"], remove: [] });
    fireEvent.click(await within(panel).findByRole("button", { name: "Unfollow" }, WAIT));
    await waitFor(() => expect(within(panel).queryByText("Alex Agent (me)")).toBeNull(), WAIT);
    expect(bodyOf(calls(fetch, "POST", "/tickets/T-7/followers")[1])).toEqual({ add: [], remove: ["u-me"] });
  });
});

const linked = (kind: string, number: string, subject: string, created = true) => ({
  kind,
  ticket: { ticket_number: number, subject, status: "open", priority: "normal", assigned_agent_id: null },
  created_at: created ? "2026-11-30T10:00:00.000000Z" : null,
  created_by_id: created ? "u-me" : null,
});

describe("linked tickets", () => {
  setLanguage("en");

  it("lists the links by kind, links a child by its number and removes a related one; merges are read-only", async () => {
    let links = [linked("related", "T-3", "Scanner"), linked("parent", "T-1", "Office move"), linked("merged_from", "T-2", "Jam again", false)];
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail({ parent_number: "T-1" })),
      "GET /tickets/T-7/links": () => answer({ items: links, next_cursor: null }),
      "POST /tickets/T-7/links": (body) => {
        const { kind, ticket_number } = body as { kind: string; ticket_number: string };
        if (ticket_number === "T-1") return refusal(409, "ticket_link_exists");
        const link = linked(kind, ticket_number, "Toner");
        links = [...links, link];
        return answer(link, 201);
      },
      "DELETE /tickets/T-7/links/related/T-3": () => {
        links = links.filter((link) => link.ticket.ticket_number !== "T-3");
        return answer(null, 204);
      },
    });
    show(fetch);
    const panel = await region("Linked tickets");
    await within(panel).findByRole("link", { name: "T-3 Scanner" }, WAIT);
    const headings = within(panel)
      .getAllByRole("heading", { level: 3 })
      .map((heading) => heading.textContent);
    expect(headings).toEqual(["Parent", "Related", "Merged from"]);
    expect(within(panel).getByRole("link", { name: "T-1 Office move" }).getAttribute("href")).toBe("/app/tickets/T-1");
    // The parent is named under the title too.
    expect(screen.getByText("Part of parent ticket").textContent).toBe("Part of parent ticket T-1");
    // A merge is not undone from here.
    expect(within(panel).queryByRole("button", { name: "Remove the link to T-2" })).toBeNull();

    fireEvent.change(within(panel).getByLabelText("The other ticket is"), { target: { value: "child" } });
    fireEvent.change(within(panel).getByLabelText("Ticket number"), { target: { value: "9" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Link" }));
    await within(panel).findByRole("link", { name: "T-9 Toner" }, WAIT);
    const [add] = calls(fetch, "POST", "/tickets/T-7/links");
    expect(bodyOf(add)).toEqual({ kind: "child", ticket_number: "T-9" });
    expect(headersOf(add)["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);

    fireEvent.click(within(panel).getByRole("button", { name: "Remove the link to T-3" }));
    await waitFor(() => expect(within(panel).queryByRole("link", { name: "T-3 Scanner" })).toBeNull(), WAIT);
    expect(calls(fetch, "DELETE", "/tickets/T-7/links/related/T-3")).toHaveLength(1);

    fireEvent.change(within(panel).getByLabelText("Ticket number"), { target: { value: "T-1" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Link" }));
    expect(await within(panel).findByText("These tickets are already linked.", undefined, WAIT)).toBeTruthy();
  });

  it("says first that a merged ticket was merged, with the way to the ticket it went into", async () => {
    show(api({ "GET /tickets/T-7": () => answer(detail({ status: "closed", merged_into: "T-12" })) }));
    const note = await screen.findByRole("note", undefined, WAIT);
    expect(note.textContent).toBe("This ticket was merged into T-12");
    expect(within(note).getByRole("link", { name: "T-12" }).getAttribute("href")).toBe("/app/tickets/T-12");
    // Nothing is merged or split out of a merged ticket.
    expect(screen.queryByRole("button", { name: "Merge into…" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Split into new ticket" })).toBeNull();
  });

  it("solves the children too when asked, with the reply, and words each child's outcome", async () => {
    let status = "open";
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail({ status, child_count: 2, version: status === "open" ? 3 : 4 })),
      "PATCH /tickets/T-7": (body) => {
        status = (body as { status: string }).status;
        return answer(detail({ status, child_count: 2, version: 4 }));
      },
      "POST /tickets/T-7/children/solve": () =>
        answer({
          results: [
            { ticket_number: "T-8", outcome: "solved", error: null },
            { ticket_number: "T-9", outcome: "failed", error: { code: "ticket_closed", message: "closed", details: [] } },
          ],
        }),
    });
    show(fetch);
    const fields = await region("Properties");
    fireEvent.click(await within(fields).findByLabelText("Solve children too (2) when solving this ticket", undefined, WAIT));
    fireEvent.change(within(fields).getByLabelText("Public reply on each child (optional)"), { target: { value: "Fixed with the main ticket." } });
    fireEvent.change(within(fields).getByLabelText("Status"), { target: { value: "solved" } });
    expect(await within(fields).findByText("Children solved: 1 of 2.", undefined, WAIT)).toBeTruthy();
    expect(within(fields).getByText("T-9").closest("li")?.textContent).toContain("failed — This ticket is closed and cannot change.");
    const [patch] = calls(fetch, "PATCH", "/tickets/T-7");
    expect(headersOf(patch)["If-Match"]).toBe('"3"');
    expect(bodyOf(calls(fetch, "POST", "/tickets/T-7/children/solve")[0])).toEqual({ reply: "Fixed with the main ticket." });
  });

  it("does not touch the children when the option is left off", async () => {
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail({ child_count: 2 })),
      "PATCH /tickets/T-7": () => answer(detail({ status: "solved", child_count: 2, version: 4 })),
    });
    show(fetch);
    const fields = await region("Properties");
    await within(fields).findByLabelText("Solve children too (2) when solving this ticket", undefined, WAIT);
    fireEvent.change(within(fields).getByLabelText("Status"), { target: { value: "solved" } });
    await within(fields).findByText("Saved.", undefined, WAIT);
    expect(calls(fetch, "POST", "/tickets/T-7/children/solve")).toHaveLength(0);
  });

  it("saves the department with the ticket's If-Match and offers only active departments", async () => {
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail()),
      "PATCH /tickets/T-7": () => answer(detail({ department_id: "d-1", version: 4 })),
    });
    show(fetch);
    const fields = await region("Properties");
    const select = within(fields).getByLabelText("Department") as HTMLSelectElement;
    await within(select).findByRole("option", { name: "Facilities" }, WAIT);
    expect(within(select).queryByRole("option", { name: "Closed down" })).toBeNull();
    fireEvent.change(select, { target: { value: "d-1" } });
    await within(fields).findByText("Saved.", undefined, WAIT);
    const [patch] = calls(fetch, "PATCH", "/tickets/T-7");
    expect(bodyOf(patch)).toEqual({ department_id: "d-1" });
    expect(headersOf(patch)["If-Match"]).toBe('"3"');
  });
});

describe("time entries", () => {
  setLanguage("en");

  const entry = (id: string, user: string, minutes: number, fields: Record<string, unknown> = {}) => ({
    id,
    ticket_number: "T-7",
    user_id: user,
    minutes,
    billable: true,
    note: "",
    comment_id: null,
    spent_on: "2026-11-30",
    created_at: "2026-11-30T10:00:00.000000Z",
    updated_at: "2026-11-30T10:00:00.000000Z",
    version: 1,
    ...fields,
  });

  it("shows the ticket's sums, logs time, edits one's own entry with If-Match and deletes it; others' entries are read-only", async () => {
    let entries = [entry("e-sam", "u-sam", 30, { note: "On site" }), entry("e-me", "u-me", 15, { billable: false, version: 2 })];
    const sums = () => ({
      time_spent_minutes: entries.reduce((sum, item) => sum + item.minutes, 0),
      billable_minutes: entries.filter((item) => item.billable).reduce((sum, item) => sum + item.minutes, 0),
    });
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail(sums())),
      "GET /tickets/T-7/time-entries": () => answer({ items: entries, next_cursor: null }),
      "POST /tickets/T-7/time-entries": (body) => {
        const created = entry("e-new", "u-me", (body as { minutes: number }).minutes, body as Record<string, unknown>);
        entries = [...entries, created];
        return answer(created, 201);
      },
      "PATCH /tickets/T-7/time-entries/e-me": (body) => {
        entries = entries.map((item) => (item.id === "e-me" ? { ...item, ...(body as object), version: 3 } : item));
        return answer(entries.find((item) => item.id === "e-me"));
      },
      "DELETE /tickets/T-7/time-entries/e-new": () => {
        entries = entries.filter((item) => item.id !== "e-new");
        return answer(null, 204);
      },
    });
    show(fetch);
    const panel = await region("Time");
    await within(panel).findByText("On site", undefined, WAIT);
    expect(within(panel).getByText("Time spent").nextElementSibling?.textContent).toBe("45 min");
    expect(within(panel).getByText("Billable", { selector: "dt" }).nextElementSibling?.textContent).toBe("30 min");
    // Sam's entry: no edit or remove for this agent.
    expect(within(panel).queryByRole("button", { name: "Edit the entry of 30 min" })).toBeNull();

    fireEvent.change(within(panel).getByLabelText("Minutes"), { target: { value: "90" } });
    fireEvent.change(within(panel).getByLabelText("Note"), { target: { value: "Replaced the fuser" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Log time" }));
    await within(panel).findByText("Replaced the fuser", undefined, WAIT);
    const [post] = calls(fetch, "POST", "/tickets/T-7/time-entries");
    expect(bodyOf(post)).toEqual({ minutes: 90, billable: true, note: "Replaced the fuser", comment_id: null });
    expect(headersOf(post)["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(within(panel).getByText("Time spent").nextElementSibling?.textContent).toBe("2 h 15 min"), WAIT);

    fireEvent.click(within(panel).getByRole("button", { name: "Edit the entry of 15 min" }));
    const form = within(panel).getByRole("button", { name: "Save" }).closest("form") as HTMLFormElement;
    fireEvent.change(within(form).getByLabelText("Minutes"), { target: { value: "20" } });
    fireEvent.click(within(form).getByLabelText("Billable"));
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    await within(panel).findByText("Time entry saved.", undefined, WAIT);
    const [edit] = calls(fetch, "PATCH", "/tickets/T-7/time-entries/e-me");
    expect(bodyOf(edit)).toEqual({ minutes: 20, billable: true, note: "" });
    expect(headersOf(edit)["If-Match"]).toBe('"2"');

    fireEvent.click(await within(panel).findByRole("button", { name: "Remove the entry of 1 h 30 min" }, WAIT));
    await waitFor(() => expect(within(panel).queryByText("Replaced the fuser")).toBeNull(), WAIT);
    expect(calls(fetch, "DELETE", "/tickets/T-7/time-entries/e-new")).toHaveLength(1);
  });

  it("refuses minutes the API would refuse before asking it", async () => {
    const fetch = api({ "GET /tickets/T-7": () => answer(detail()) });
    show(fetch);
    const panel = await region("Time");
    fireEvent.change(within(panel).getByLabelText("Minutes"), { target: { value: "1441" } });
    expect((within(panel).getByRole("button", { name: "Log time" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(panel).getByLabelText("Minutes"), { target: { value: "2.5" } });
    expect((within(panel).getByRole("button", { name: "Log time" }) as HTMLButtonElement).disabled).toBe(true);
  });
});

const ticketOut = (number: string, subject: string) => ({ ...detail({ ticket_number: number, subject }), comments: undefined });

describe("merge and split from the ticket page", () => {
  setLanguage("en");

  it("previews merging into another ticket (counts, CCs, warnings), writes nothing until confirmed, then opens the target", async () => {
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail()),
      "POST /tickets/T-12/merge/preview": () =>
        answer({
          target: ticketOut("T-12", "Printer on floor 2"),
          sources: [ticketOut("T-7", "Printer jams")],
          comments: 2,
          attachments: 1,
          cc_emails: ["boss@acme.example"],
          warnings: [{ code: "different_requester", ticket_number: "T-7", message: "T-7 has another requester." }],
        }),
      "POST /tickets/T-12/merge": () => answer({ ticket: ticketOut("T-12", "Printer on floor 2"), merged: ["T-7"] }),
    });
    show(fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Merge into…" }, WAIT));
    const dialog = screen.getByRole("dialog", { name: "Merge T-7 into another ticket" });
    fireEvent.change(within(dialog).getByLabelText("Ticket number"), { target: { value: "t-12" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Preview the merge" }));
    await within(dialog).findByText("Moves 2 messages and 1 attachments.", undefined, WAIT);
    expect(within(dialog).getByText("Stays: T-12 Printer on floor 2")).toBeTruthy();
    expect(within(dialog).getByText("CCs afterwards: boss@acme.example")).toBeTruthy();
    expect(within(dialog).getByRole("alert").textContent).toContain("T-7 has another requester.");
    expect(bodyOf(calls(fetch, "POST", "/tickets/T-12/merge/preview")[0])).toEqual({ source_numbers: ["T-7"], note: null });
    expect(calls(fetch, "POST", "/tickets/T-12/merge")).toHaveLength(0);

    fireEvent.click(within(dialog).getByRole("button", { name: "Merge into T-12" }));
    await waitFor(() => expect(window.location.pathname).toBe("/app/tickets/T-12"), WAIT);
    const [confirmed] = calls(fetch, "POST", "/tickets/T-12/merge");
    expect(bodyOf(confirmed)).toEqual({ source_numbers: ["T-7"], note: null });
    expect(headersOf(confirmed)["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shows why a merge was refused and stays on the ticket", async () => {
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail()),
      "POST /tickets/T-12/merge/preview": () => refusal(409, "already_merged", [{ field: "source_numbers", message: "T-7 was merged into T-4", type: "already_merged" }]),
    });
    show(fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Merge into…" }, WAIT));
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Ticket number"), { target: { value: "T-12" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Preview the merge" }));
    expect(await within(dialog).findByText("A ticket was already merged into another ticket.", undefined, WAIT)).toBeTruthy();
    expect(window.location.pathname).toBe("/app/tickets/T-7");
  });

  it("splits a message into a new ticket once confirmed, then opens it; merged messages say where they came from", async () => {
    const fetch = api({
      "GET /tickets/T-7": () => answer(detail()),
      "POST /tickets/T-7/comments/m1/split": () => answer(ticketOut("T-20", "Scanner broken"), 201),
    });
    show(fetch);
    const moved = (await screen.findByText("Moved over.", undefined, WAIT)).closest("li") as HTMLElement;
    expect(moved.textContent).toContain("from T-3");
    const message = screen.getByText("Also the scanner is broken.").closest("li") as HTMLElement;
    fireEvent.click(within(message).getByRole("button", { name: "Split into new ticket" }));
    const dialog = screen.getByRole("dialog", { name: "Split into a new ticket" });
    expect(calls(fetch, "POST", "/tickets/T-7/comments/m1/split")).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText("Subject of the new ticket (optional)"), { target: { value: "Scanner broken" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Split and open the new ticket" }));
    await waitFor(() => expect(window.location.pathname).toBe("/app/tickets/T-20"), WAIT);
    const [split] = calls(fetch, "POST", "/tickets/T-7/comments/m1/split");
    expect(bodyOf(split)).toEqual({ subject: "Scanner broken" });
    expect(headersOf(split)["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("the relations' helpers", () => {
  it("reads typed ticket numbers and addresses", () => {
    expect(ticketNumber(" 42 ")).toBe("T-42");
    expect(ticketNumber("t-42")).toBe("T-42");
    expect(emailList("a@x.example, b@x.example;a@x.example\nc@x.example")).toEqual(["a@x.example", "b@x.example", "c@x.example"]);
  });

  it("keeps the chosen ticket and merges the others into it", () => {
    expect(mergePlan(["T-1", "T-2", "T-3"], "T-2", "")).toEqual({ target: "T-2", sources: ["T-1", "T-3"] });
    expect(mergePlan(["T-7"], "", "12")).toEqual({ target: "T-12", sources: ["T-7"] });
  });

  it("words the history of CCs, followers and time", () => {
    setLanguage("en");
    const people = new Map([["u-sam", sam as never]]);
    expect(fieldLabel("cc_emails")).toBe("CCs");
    expect(historyValue("cc_emails", '["a@x.example", "b@x.example"]', people)).toBe("a@x.example, b@x.example");
    expect(historyValue("follower_ids", '["u-sam"]', people)).toBe("Sam Smith");
    expect(historyValue("follower_ids", "[]", people)).toBe("—");
    expect(historyValue("time_spent_minutes", "75", people)).toBe("1 h 15 min");
  });

  it("groups links in the panel's order", () => {
    const links = [linked("related", "T-3", "a"), linked("child", "T-4", "b"), linked("parent", "T-1", "c"), linked("child", "T-5", "d")] as TicketLink[];
    expect(groupLinks(links).map(([kind, items]) => [kind, items.map((link) => link.ticket.ticket_number)])).toEqual([
      ["parent", ["T-1"]],
      ["child", ["T-4", "T-5"]],
      ["related", ["T-3"]],
    ]);
  });
});
