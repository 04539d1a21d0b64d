import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLinkToken } from "../linkToken";
import { getSession } from "../session";
import { ResetPassword, VerifyEmail } from "./links";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function renderPage(node: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

describe("link pages", () => {
  it.each([
    ["link_used", 410, "This link has already been used. Ask for a new one if you still need it."],
    ["link_expired", 410, "This link has expired. Ask for a new one."],
    ["link_revoked", 410, "This link was withdrawn. Ask for a new one if you still need it."],
    ["invalid_link", 400, "This link is not valid. Open the link again, exactly as it was sent, or ask for a new one."],
  ])("posts the token once and shows %s in plain words, signing nobody in", async (code, status, words) => {
    window.history.replaceState(null, "", `/app/verify-email#token=dl_org_${code}`);
    captureLinkToken();
    const fetch = vi.fn().mockResolvedValue(
      new Response(JSON.stringify({ error: { code, message: "m", details: [] } }), { status }),
    );
    vi.stubGlobal("fetch", fetch);
    const onSignedIn = vi.fn();
    renderPage(<VerifyEmail onSignedIn={onSignedIn} />);
    expect((await screen.findByRole("alert")).textContent).toBe(words);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [path, init] = fetch.mock.calls[0];
    expect(path).toBe("/auth/email/verify");
    expect(JSON.parse(init.body as string)).toEqual({ token: `dl_org_${code}` });
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(getSession()).toBeNull();
  });

  it("says the link is needed when the page is opened without a token", () => {
    window.history.replaceState(null, "", "/app/reset-password");
    captureLinkToken();
    renderPage(<ResetPassword onSignedIn={vi.fn()} />);
    expect(screen.getByRole("alert").textContent).toContain("needs the link from your mail");
  });
});
