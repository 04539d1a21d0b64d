import { describe, expect, it } from "vitest";
import { actionOf, rowOf } from "./Shared";

describe("the macro action editor", () => {
  it("edits the simple actions and sends them back as the API takes them", () => {
    const actions = [
      { type: "reply_to_requester", template: "Hi {{requester.first_name}}" },
      { type: "set_status", status: "pending" },
      { type: "add_tags", tags: ["waiting", "receipt"] },
    ];
    expect(actions.map(rowOf).map(actionOf)).toEqual(actions);
  });

  it("splits tags on commas and drops empty ones", () => {
    expect(actionOf({ kind: "remove_tags", value: " a, ,b " })).toEqual({ type: "remove_tags", tags: ["a", "b"] });
  });

  it("keeps an action it cannot edit exactly as it was", () => {
    const assign = { type: "assign_to", department_id: "d1", strategy: "round_robin" };
    expect(actionOf(rowOf(assign))).toBe(assign);
  });
});
