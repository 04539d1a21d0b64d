import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import { SignIn } from "../pages/SignIn";
import { endSession, getSession } from "../session";
import { SsoCallback } from "./SsoCallback";
import { rememberOrganization } from "./sso";

/** A loaded machine renders the first screen slowly: wait longer than the default second. */
const WAIT = { timeout: 5000 };
vi.setConfig({ testTimeout: 30_000 });

const user = { id: "u1", email: "a@x.example", first_name: "A", last_name: "B" };

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  endSession();
  sessionStorage.clear();
});

describe("single sign-on", () => {
  setLanguage("en");

  it("takes code and state out of the address, posts them once and signs in", async () => {
    rememberOrganization("demo");
    window.history.replaceState(null, "", "/app/sso/callback?code=the-code&state=the-state");
    const fetch = vi.fn().mockResolvedValue(answer(200, { token: "sso-token", expires_at: "2999-01-01T00:00:00.000000Z", user }));
    vi.stubGlobal("fetch", fetch);
    const signedIn = vi.fn();
    render(
      <StrictMode>
        <SsoCallback onSignedIn={signedIn} />
      </StrictMode>,
    );
    expect(window.location.search).toBe("");
    await waitFor(() => expect(signedIn).toHaveBeenCalledTimes(1), WAIT);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe("/auth/sso/demo/callback");
    expect(JSON.parse(init.body)).toEqual({ code: "the-code", state: "the-state" });
    expect(getSession()?.token).toBe("sso-token");
  });

  it("explains a refused state and offers to start again", async () => {
    rememberOrganization("demo");
    window.history.replaceState(null, "", "/app/sso/callback?code=c&state=used");
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(answer(400, { error: { code: "invalid_sso_state", message: "m", details: [] } })));
    render(<SsoCallback onSignedIn={vi.fn()} />);
    expect((await screen.findByRole("alert", undefined, WAIT)).textContent).toMatch(/expired or was already used/);
    expect(screen.getByRole("link", { name: "Back to sign-in" })).toBeTruthy();
    expect(getSession()).toBeNull();
  });

  it("shows the SSO button only for an organization that has single sign-on", async () => {
    const fetch = vi.fn().mockImplementation((url: string) =>
      Promise.resolve(
        url === "/portal/acme"
          ? answer(200, { slug: "acme", name: "Acme", sso: { enabled: false } })
          : answer(200, { slug: "demo", name: "Demo", sso: { enabled: true } }),
      ),
    );
    vi.stubGlobal("fetch", fetch);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <SignIn onSignedIn={vi.fn()} />
      </QueryClientProvider>,
    );
    expect(screen.queryByRole("button", { name: "Continue with single sign-on" })).toBeNull();
    fireEvent.change(screen.getByLabelText("Organization"), { target: { value: "acme" } });
    await waitFor(() => expect(fetch).toHaveBeenCalledWith("/portal/acme", expect.anything()), WAIT);
    expect(screen.queryByRole("button", { name: "Continue with single sign-on" })).toBeNull();
    fireEvent.change(screen.getByLabelText("Organization"), { target: { value: "Demo" } });
    expect(await screen.findByRole("button", { name: "Continue with single sign-on" }, WAIT)).toBeTruthy();
  });

  it("starts at the organization's identity provider, or says it has none", async () => {
    // The organization had SSO when the page asked, and has none by the time the button is pressed.
    const fetch = vi.fn().mockImplementation((url: string) =>
      Promise.resolve(
        url.startsWith("/portal/")
          ? answer(200, { slug: "demo", name: "Demo", sso: { enabled: true } })
          : answer(404, { error: { code: "sso_not_configured", message: "m", details: [] } }),
      ),
    );
    vi.stubGlobal("fetch", fetch);
    const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <SignIn onSignedIn={vi.fn()} />
      </QueryClientProvider>,
    );
    fireEvent.change(screen.getByLabelText("Organization"), { target: { value: "Demo" } });
    fireEvent.click(await screen.findByRole("button", { name: "Continue with single sign-on" }, WAIT));
    expect((await screen.findByRole("alert", undefined, WAIT)).textContent).toMatch(/does not use single sign-on/);
    const [url, init] = fetch.mock.calls.find(([called]) => String(called).startsWith("/auth/")) ?? [];
    expect(url).toBe("/auth/sso/demo/start");
    expect(JSON.parse(init.body)).toEqual({ redirect_uri: `${window.location.origin}/app/sso/callback` });
  });
});
