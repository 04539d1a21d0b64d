import { describe, expect, it } from "vitest";
import { compareFor, inQueue, lastUpdated, mergePages, mergeTickets, sortsFor, type Ticket, type User } from "./queues";

function ticket(number: number, fields: Partial<Ticket> = {}): Ticket {
  return {
    ticket_number: `T-${number}`,
    number,
    subject: `Subject ${number}`,
    status: "open",
    priority: "normal",
    assigned_agent_id: null,
    customer_id: "c1",
    created_at: `2026-11-0${number}T10:00:00.000000Z`,
    updated_at: `2026-11-0${number}T10:00:00.000000Z`,
    sla_due_at: null,
    version: 1,
    tags: [],
    ...fields,
  } as Ticket;
}

describe("merging a poll into the loaded list", () => {
  const loaded = [ticket(3), ticket(2), ticket(1)];

  it("puts a new ticket and a changed one first, replacing the old copy", () => {
    const changed = [ticket(4, { updated_at: "2026-11-09T10:00:00.000000Z" }), ticket(1, { subject: "now urgent", updated_at: "2026-11-08T10:00:00.000000Z", version: 2 })];
    const merged = mergeTickets(loaded, changed, { view: "all" }, "me", "-updated_at");
    expect(merged.map((t) => t.ticket_number)).toEqual(["T-4", "T-1", "T-3", "T-2"]);
    expect(merged.find((t) => t.ticket_number === "T-1")?.subject).toBe("now urgent");
  });

  it("drops a ticket that left the queue (solved, taken by someone)", () => {
    const solved = ticket(2, { status: "solved", updated_at: "2026-11-08T10:00:00.000000Z", version: 2 });
    expect(mergeTickets(loaded, [solved], { view: "all", status: "open" }, "me", "-updated_at").map((t) => t.ticket_number)).toEqual(["T-3", "T-1"]);
    const taken = ticket(3, { assigned_agent_id: "someone", version: 2 });
    expect(mergeTickets(loaded, [taken], { view: "unassigned" }, "me", "-updated_at").map((t) => t.ticket_number)).toEqual(["T-2", "T-1"]);
  });

  it("keeps the newer copy when the poll brings an older version", () => {
    const shown = [ticket(1, { subject: "newer", version: 5 })];
    const merged = mergeTickets(shown, [ticket(1, { subject: "older", version: 4 })], { view: "all" }, "me", "-updated_at");
    expect(merged[0].subject).toBe("newer");
  });

  it("merges into the pages as one page keeping the last cursor, every side-loaded user and the fresh counts", () => {
    const user = (id: string) => ({ id, email: `${id}@x.example` }) as User;
    const counts = (total: number) => ({ mine: { total, by_status: {}, by_priority: {} }, unassigned: { total: 0, by_status: {}, by_priority: {} }, all: null, departments: [], as_of: "2026-11-30T00:00:00Z" });
    const data = {
      pages: [
        { items: [ticket(3)], next_cursor: "c1", included: { users: [user("a")], customers: [], sla_policies: [], counts: counts(2) } },
        { items: [ticket(2)], next_cursor: "c2", included: { users: [user("b")], customers: [], sla_policies: [], counts: null } },
      ],
      pageParams: [null, "c1"],
    };
    const answer = { items: [ticket(5, { updated_at: "2026-11-09T10:00:00.000000Z" })], next_cursor: null, included: { users: [user("c")], customers: [], sla_policies: [], counts: counts(3) } };
    const merged = mergePages(data, answer, { view: "all" }, "me", "-updated_at");
    expect(merged.pages).toHaveLength(1);
    expect(merged.pageParams).toEqual([null]);
    expect(merged.pages[0].next_cursor).toBe("c2");
    expect(merged.pages[0].items.map((t) => t.ticket_number)).toEqual(["T-5", "T-3", "T-2"]);
    expect(merged.pages[0].included?.users?.map((u) => u.id).sort()).toEqual(["a", "b", "c"]);
    expect(merged.pages[0].included?.counts?.mine.total).toBe(3);
  });

  it("polls from the newest update seen", () => {
    expect(lastUpdated(loaded)).toBe("2026-11-03T10:00:00.000000Z");
    expect(lastUpdated([], "2026-11-01T00:00:00Z")).toBe("2026-11-01T00:00:00Z");
  });
});

describe("queues and orders", () => {
  it("knows which tickets a queue holds", () => {
    expect(inQueue(ticket(1, { assigned_agent_id: "me" }), { view: "mine" }, "me")).toBe(true);
    expect(inQueue(ticket(1, { assigned_agent_id: "you" }), { view: "mine" }, "me")).toBe(false);
    expect(inQueue(ticket(1, { priority: "urgent" }), { view: "all", priority: "high" }, "me")).toBe(false);
  });

  it("offers the whole-list orders only on the unfiltered list", () => {
    expect(sortsFor({ view: "all" })).toContain("sla_due_at");
    expect(sortsFor({ view: "all", status: "open" })).toEqual(["-updated_at", "updated_at"]);
    expect(sortsFor({ view: "mine" })).toEqual(["-updated_at", "updated_at"]);
  });

  it("sorts urgent first and tickets without an SLA due last", () => {
    const list = [ticket(1, { priority: "low" }), ticket(2, { priority: "urgent" }), ticket(3, { priority: "high" })];
    expect([...list].sort(compareFor("-priority")).map((t) => t.priority)).toEqual(["urgent", "high", "low"]);
    const dues = [ticket(1), ticket(2, { sla_due_at: "2026-12-02T00:00:00Z" }), ticket(3, { sla_due_at: "2026-12-01T00:00:00Z" })];
    expect([...dues].sort(compareFor("sla_due_at")).map((t) => t.ticket_number)).toEqual(["T-3", "T-2", "T-1"]);
  });
});
