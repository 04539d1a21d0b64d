import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { setLanguage } from "../i18n";
import { endSession, startSession } from "../session";

/** A loaded machine renders the first screen slowly: wait longer than the default second. */
const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

const user = { id: "u1", email: "a@x.example", first_name: "Ada", last_name: "B", role: "agent" };

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  endSession();
  sessionStorage.clear();
});

describe("a session ending on a ticket page", () => {
  setLanguage("en");

  it("signs in again and comes back to that ticket", async () => {
    startSession({ token: "old", expires_at: "2999-01-01T00:00:00.000000Z", user } as never);
    window.history.replaceState(null, "", "/app/tickets/T-9");
    let signedIn = false;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        if (url === "/auth/login") {
          signedIn = true;
          return answer(200, { token: "new", expires_at: "2999-01-01T00:00:00.000000Z", user });
        }
        if (!signedIn) return answer(401, { error: { code: "unauthenticated", message: "m", details: [] } });
        if (url.startsWith("/tickets/T-9?")) return answer(404, { error: { code: "not_found", message: "m", details: [] } });
        return answer(200, { items: [], next_cursor: null });
      }),
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <App />
      </QueryClientProvider>,
    );
    expect(await screen.findByText("Your session has ended. Sign in again to continue.", undefined, WAIT)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Organization"), { target: { value: "demo" } });
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "a@x.example" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "pw" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { name: "Ticket not found" }, WAIT)).toBeTruthy();
    expect(window.location.pathname).toBe("/app/tickets/T-9");
  });

  it("comes back to the ticket when several requests in flight are refused at once", async () => {
    startSession({ token: "old", expires_at: "2999-01-01T00:00:00.000000Z", user } as never);
    window.history.replaceState(null, "", "/app/tickets/T-9");
    const ticket = { ticket_number: "T-9", subject: "Jammed", description: "", status: "open", priority: "normal", channel: "web", customer_id: "c1", assigned_agent_id: null, tags: [], custom_fields: {}, created_at: "2026-11-30T09:00:00.000000Z", work_order_numbers: [], merged_into: null, merged_from: [], split_from: null, split_into: [], cc_emails: [], follower_ids: [], parent_number: null, child_count: 0, time_spent_minutes: 0, billable_minutes: 0, department_id: null, version: 1, comments: [], comments_next_cursor: null, attachments: [], presence: [], included: null };
    let signedIn = false;
    let ticketReads = 0;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        if (url === "/auth/login") {
          signedIn = true;
          return answer(200, { token: "new", expires_at: "2999-01-01T00:00:00.000000Z", user });
        }
        if (url.startsWith("/portal/")) return answer(200, { name: "Demo", slug: "demo", sso: { enabled: false } });
        // The ticket shows, then everything its page asks for next is refused together.
        if (url.startsWith("/tickets/T-9?") && (signedIn || ticketReads++ === 0)) return answer(200, ticket);
        if (!signedIn) return answer(401, { error: { code: "unauthenticated", message: "m", details: [] } });
        if (url.startsWith("/tickets/T-9/sla")) return answer(200, { policy_id: null, policy_name: null, breached: false, targets: {} });
        return answer(200, { items: [], next_cursor: null });
      }),
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <App />
      </QueryClientProvider>,
    );
    expect(await screen.findByText("Your session has ended. Sign in again to continue.", undefined, WAIT)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Organization"), { target: { value: "demo" } });
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "a@x.example" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "pw" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { name: "Jammed" }, WAIT)).toBeTruthy();
    expect(window.location.pathname).toBe("/app/tickets/T-9");
  });
});
