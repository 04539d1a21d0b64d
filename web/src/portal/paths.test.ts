import { describe, expect, it } from "vitest";
import { isCustomerPage, parsePortalPath, portalPath, portalSignInFor } from "./paths";

describe("portal addresses", () => {
  it.each([
    ["/app/portal/demo/", { page: "home" }],
    ["/app/portal/demo", { page: "home" }],
    ["/app/portal/demo/categories/c1", { page: "category", id: "c1" }],
    ["/app/portal/demo/articles/a1", { page: "article", id: "a1" }],
    ["/app/portal/demo/sign-in", { page: "sign-in" }],
    ["/app/portal/demo/register", { page: "register" }],
    ["/app/portal/demo/requests", { page: "requests" }],
    ["/app/portal/demo/requests/new", { page: "new-request" }],
    ["/app/portal/demo/requests/T-4", { page: "request", number: "T-4" }],
    ["/app/portal/demo/requests/T-4/extra", { page: "not-found" }],
    ["/app/portal/demo/admin", { page: "not-found" }],
  ])("%s is the page %o of the slug", (path, route) => {
    expect(parsePortalPath(path)).toEqual({ slug: "demo", route });
  });

  it("are not other addresses, and survive a malformed escape", () => {
    expect(parsePortalPath("/app/")).toBeNull();
    expect(parsePortalPath("/app/portal/")).toBeNull();
    expect(parsePortalPath("/app/portal/%E0%A4%A/requests")).toBeNull();
  });

  it("encode what they carry", () => {
    expect(portalPath("demo", "requests", "T-4")).toBe("/app/portal/demo/requests/T-4");
    expect(portalPath("demo", "articles", "a/../b")).toBe("/app/portal/demo/articles/a%2F..%2Fb");
    expect(portalSignInFor("/app/portal/demo/requests/T-4")).toBe("/app/portal/demo/sign-in");
    expect(portalSignInFor("/app/")).toBeNull();
  });

  it("keep customers out of the staff pages but not out of their mailed links", () => {
    expect(isCustomerPage("/app/portal/demo/requests")).toBe(true);
    expect(isCustomerPage("/app/ticket")).toBe(true);
    expect(isCustomerPage("/app/sign-in/")).toBe(true);
    expect(isCustomerPage("/app/")).toBe(false);
    expect(isCustomerPage("/app/login")).toBe(false);
    expect(isCustomerPage("/app/tickets/T-4")).toBe(false);
  });
});
