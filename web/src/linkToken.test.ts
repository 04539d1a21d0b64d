import { describe, expect, it } from "vitest";
import { captureLinkToken, linkToken } from "./linkToken";

describe("the token of a mail link", () => {
  it("is taken from the fragment and removed from the address bar", () => {
    window.history.replaceState(null, "", "/app/reset-password?lang=en#token=dl_abc_secret");
    captureLinkToken();
    expect(linkToken()).toBe("dl_abc_secret");
    expect(window.location.href).not.toContain("dl_abc_secret");
    expect(window.location.hash).toBe("");
    expect(window.location.pathname + window.location.search).toBe("/app/reset-password?lang=en");
  });
});
