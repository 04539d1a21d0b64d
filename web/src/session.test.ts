import { afterEach, describe, expect, it } from "vitest";
import { endSession, getSession, rememberReturnTo, startSession, takeReturnTo } from "./session";

const user = { id: "u1" } as never;

afterEach(() => {
  endSession();
  sessionStorage.clear();
});

describe("the session", () => {
  it("survives a reload through sessionStorage, never localStorage", () => {
    startSession({ token: "t1", expires_at: "2999-01-01T00:00:00.000000Z", user });
    expect(JSON.parse(sessionStorage.getItem("deskless.session") ?? "{}").token).toBe("t1");
    expect(localStorage.length).toBe(0);
  });

  it("is dropped once its expiry has passed", () => {
    sessionStorage.setItem("deskless.session", JSON.stringify({ token: "t", expiresAt: "2000-01-01T00:00:00Z", user }));
    expect(getSession()).toBeNull();
    expect(sessionStorage.getItem("deskless.session")).toBeNull();
  });

  it("returns only to a page of this app after signing in again", () => {
    rememberReturnTo("/app/reset-password");
    expect(takeReturnTo()).toBe("/app/reset-password");
    expect(takeReturnTo()).toBeNull();
    for (const elsewhere of ["https://evil.example/app/", "//evil.example/app/", "/auth/login"]) {
      rememberReturnTo(elsewhere);
      expect(takeReturnTo()).toBeNull();
    }
  });
});
