import { describe, expect, it } from "vitest";
import type { Schemas } from "../api/client";
import { actionBody, conditionBody, draftOf } from "./Rules";

const subject: Schemas["RuleFieldOut"] = {
  name: "subject",
  kind: "text",
  choices: [],
  operators: [
    { operator: "contains", value: "scalar" },
    { operator: "in", value: "list" },
    { operator: "changed", value: "none" },
  ],
};
const priority: Schemas["RuleFieldOut"] = {
  name: "priority",
  kind: "choice",
  choices: ["low", "normal", "high", "urgent"],
  operators: [{ operator: "gt", value: "number" }],
};
const count: Schemas["RuleFieldOut"] = { name: "child_count", kind: "number", choices: [], operators: [{ operator: "in", value: "list" }] };

function parameter(name: string, kind: Schemas["RuleParameterOut"]["kind"], required = false, nullable = false): Schemas["RuleParameterOut"] {
  return { name, kind, required, nullable, choices: [], default: null, description: "", limits: {} };
}

describe("the builder's rows as the API takes them", () => {
  it("converts condition values by the operator's and the field's kind", () => {
    expect(conditionBody({ field: "subject", operator: "contains", value: "refund" }, subject)).toEqual({ field: "subject", operator: "contains", value: "refund" });
    expect(conditionBody({ field: "subject", operator: "in", value: "a, b ,," }, subject)).toEqual({ field: "subject", operator: "in", value: ["a", "b"] });
    expect(conditionBody({ field: "subject", operator: "changed", value: "ignored" }, subject)).toEqual({ field: "subject", operator: "changed" });
    expect(conditionBody({ field: "priority", operator: "gt", value: "normal" }, priority)).toEqual({ field: "priority", operator: "gt", value: "normal" });
    expect(conditionBody({ field: "child_count", operator: "in", value: "1, 2" }, count)).toEqual({ field: "child_count", operator: "in", value: [1, 2] });
  });

  it("leaves empty optional parameters out and keeps required nullable ones as null", () => {
    const parameters = [parameter("tags", "list", true), parameter("department_id", "text", true, true), parameter("strategy", "choice")];
    expect(actionBody({ type: "x", params: { tags: "refund, vip" } }, parameters)).toEqual({ type: "x", tags: ["refund", "vip"], department_id: null });
    expect(actionBody({ type: "y", params: { minutes: "30" } }, [parameter("minutes", "number")])).toEqual({ type: "y", minutes: 30 });
  });

  it("reads a saved rule back into rows", () => {
    const rule = {
      id: "r1",
      version: 3,
      name: "Refunds",
      trigger_type: "ticket_created",
      trigger_conditions: { all: [{ field: "tags", operator: "contains", value: "vip" }], any: [] },
      actions: [{ type: "add_tags", tags: ["refund", "money"] }],
      is_active: false,
    } as unknown as Schemas["RuleOut"];
    const draft = draftOf(rule);
    expect(draft.all).toEqual([{ field: "tags", operator: "contains", value: "vip" }]);
    expect(draft.actions).toEqual([{ type: "add_tags", params: { tags: "refund, money" } }]);
    expect([draft.id, draft.version, draft.active]).toEqual(["r1", 3, false]);
  });
});
