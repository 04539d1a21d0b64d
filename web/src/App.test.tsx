import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { endSession, getSession, startSession } from "./session";

const user = { id: "u1", email: "a@x.example", first_name: "Ada", last_name: "B" };

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  endSession();
  sessionStorage.clear();
});

describe("an ended session", () => {
  it("sends the user to sign in, then back to the page they were on", async () => {
    startSession({ token: "old", expires_at: "2999-01-01T00:00:00.000000Z", user } as never);
    window.history.replaceState(null, "", "/app/");
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === "/auth/login") return answer(200, { token: "new", expires_at: "2999-01-01T00:00:00.000000Z", user });
      // The API no longer knows the old session (expired, revoked elsewhere).
      if (new Headers(init?.headers).get("Authorization") === "Bearer old") return answer(401, { error: { code: "unauthenticated", message: "m", details: [] } });
      return answer(200, { items: [], next_cursor: null, included: null });
    });
    vi.stubGlobal("fetch", fetch);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <App />
      </QueryClientProvider>,
    );
    expect(await screen.findByText("Your session has ended. Sign in again to continue.")).toBeTruthy();
    expect(window.location.pathname).toBe("/app/login");
    expect(getSession()).toBeNull();
    expect(sessionStorage.getItem("deskless.session")).toBeNull();

    fireEvent.change(screen.getByLabelText("Organization"), { target: { value: "demo" } });
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "a@x.example" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "pw" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("No tickets.")).toBeTruthy();
    expect(window.location.pathname).toBe("/app/");
    expect(getSession()?.token).toBe("new");
  });
});
