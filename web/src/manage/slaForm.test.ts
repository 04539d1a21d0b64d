import { describe, expect, it } from "vitest";
import { formOf, messagesAt, newForm, type PolicyOut, toBody } from "./slaForm";

const SAVED = {
  id: "p1",
  name: "VIP",
  description: "",
  is_active: true,
  order: 2,
  conditions: { priority: [], channel: [], customer_tier: [], category: [], tags: [] },
  first_response_hours: 1,
  resolution_hours: 8,
  priority_overrides: { urgent: { first_response_hours: 0.5, resolution_hours: 4 } },
  calendar: {
    timezone: "Europe/Berlin",
    hours: [
      { day: 0, start: "13:00:00", end: "17:00:00" },
      { day: 0, start: "09:00:00", end: "12:00:00" },
    ],
    holidays: ["2030-12-26", "2030-12-25"],
  },
  pause_statuses: ["pending"],
  escalation_rules: [
    { target: "resolution", when: "before_breach", percent: 80, minutes: null, actions: [{ type: "notify", notify: "assignee" }] },
    {
      target: "first_response",
      when: "after_breach",
      percent: null,
      minutes: 30,
      actions: [
        { type: "raise_priority" },
        { type: "add_tag", tag: "late" },
      ],
    },
  ],
  created_at: "2030-01-01T00:00:00.000000Z",
  updated_at: "2030-01-01T00:00:00.000000Z",
  version: 3,
} as unknown as PolicyOut;

describe("the SLA form", () => {
  it("sends back a saved policy's calendar, targets and escalations", () => {
    const body = toBody(formOf(SAVED));
    expect(body.calendar?.hours).toEqual([
      { day: 0, start: "09:00", end: "12:00" },
      { day: 0, start: "13:00", end: "17:00" },
    ]);
    expect(body.calendar?.holidays).toEqual(["2030-12-25", "2030-12-26"]);
    expect(body.priority_overrides).toEqual({ urgent: { first_response_hours: 0.5, resolution_hours: 4 } });
    expect(body.escalation_rules?.[0]).toEqual({ target: "resolution", when: "before_breach", percent: 80, actions: [{ type: "notify", notify: "assignee" }] });
    // A step with two actions is kept exactly as it was.
    expect(body.escalation_rules?.[1]).toBe(SAVED.escalation_rules[1]);
    expect(body.pause_statuses).toEqual(["pending"]);
  });

  it("starts new policies with weekday office hours and no overrides", () => {
    const body = toBody({ ...newForm("Europe/London"), name: "Standard" });
    expect(body.calendar?.hours).toHaveLength(5);
    expect(body.priority_overrides).toEqual({});
    expect(body.first_response_hours).toBe(4);
  });

  it("finds the API's messages for a part of the form", () => {
    const details = [
      { field: "calendar.hours.3.end", message: "bad", type: "x" },
      { field: "calendar.holidays", message: "too many", type: "x" },
      { field: "name", message: "missing", type: "x" },
    ];
    expect(messagesAt(details, "calendar.hours")).toEqual(["calendar.hours.3.end: bad"]);
    expect(messagesAt(details, "name")).toEqual(["name: missing"]);
  });
});
