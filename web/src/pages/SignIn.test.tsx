import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { endSession, getSession } from "../session";
import { SignIn } from "./SignIn";

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const user = { id: "u1", email: "a@x.example", first_name: "A", last_name: "B" };

/** A fetch that answers the sign-in calls in order, and the debounced `GET /portal/{slug}` lookup
 * (whenever its timer fires) apart from them, so a slow machine cannot hand it a sign-in answer. */
function signInFetch(...answers: Response[]) {
  return vi.fn(async (url: string) => {
    if (String(url).includes("/portal/")) return answer(404, { error: { code: "not_found", message: "m", details: [] } });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected request ${url}`);
    return next;
  });
}

/** The bodies the sign-in calls were sent with (the portal lookups left out). */
function signInBodies(fetch: ReturnType<typeof signInFetch>): unknown[] {
  return fetch.mock.calls
    .filter(([url]) => !String(url).includes("/portal/"))
    .map((call) => JSON.parse((call as unknown as [string, RequestInit])[1].body as string));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  endSession();
  sessionStorage.clear();
  localStorage.clear();
});

function fill() {
  fireEvent.change(screen.getByLabelText("Organization"), { target: { value: "demo" } });
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "a@x.example" } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "pw" } });
}

describe("sign in", () => {
  it("asks for the authenticator code when the API answers totp_required, then signs in", async () => {
    const fetch = signInFetch(
      answer(401, { error: { code: "totp_required", message: "m", details: [] } }),
      answer(200, { token: "s3cret", expires_at: "2999-01-01T00:00:00.000000Z", user }),
    );
    vi.stubGlobal("fetch", fetch);
    const onSignedIn = vi.fn();
    render(wrap(<SignIn onSignedIn={onSignedIn} />));
    fill();
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    const code = await screen.findByLabelText("Code from your authenticator app");
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.change(code, { target: { value: "123456" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    const second = signInBodies(fetch)[1];
    expect(second).toEqual({ organization: "demo", email: "a@x.example", password: "pw", totp_code: "123456" });
    expect(getSession()?.token).toBe("s3cret");
    expect(sessionStorage.getItem("deskless.session")).toContain("s3cret");
    expect(localStorage.length).toBe(0);
  });

  it("shows wrong credentials in plain words and keeps no session", async () => {
    vi.stubGlobal(
      "fetch",
      signInFetch(answer(401, { error: { code: "invalid_credentials", message: "m", details: [] } })),
    );
    render(wrap(<SignIn onSignedIn={vi.fn()} />));
    fill();
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toBe("The organization, email or password is not right.");
    expect(getSession()).toBeNull();
  });
});
