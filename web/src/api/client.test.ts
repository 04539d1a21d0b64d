import { describe, expect, expectTypeOf, it } from "vitest";
import { fillPath, type ResponseBody, type Schemas } from "./client";

describe("filling a route's path", () => {
  it("encodes what would change the path but keeps : and @, which a path segment may hold", () => {
    expect(fillPath("/views/{view_id}/tickets", { view_id: "builtin:my_open" })).toBe("/views/builtin:my_open/tickets");
    expect(fillPath("/tickets/{number}", { number: "T-4/../x?y#z" })).toBe("/tickets/T-4%2F..%2Fx%3Fy%23z");
    expect(fillPath("/users/{id}", { id: "a@b c" })).toBe("/users/a@b%20c");
  });

  it("refuses a path whose placeholder has no value", () => {
    expect(() => fillPath("/tickets/{number}", {})).toThrow("no value for {number}");
  });
});

describe("the typed success body", () => {
  it("is the 202 body for routes that accept work (checked by tsc)", () => {
    expectTypeOf<ResponseBody<"/organization/exports", "post">>().toEqualTypeOf<Schemas["TenantJobOut"]>();
    expectTypeOf<
      ResponseBody<"/webhook-subscriptions/{subscription_id}/deliveries/{delivery_id}/resend", "post">
    >().toEqualTypeOf<Schemas["DeliveryOut"]>();
    expectTypeOf<ResponseBody<"/organization/exports/{export_id}", "get">>().toEqualTypeOf<Schemas["TenantJobOut"]>();
  });
});
