// The SLA policy editor's form state and its conversion to and from the API's policy body. Pure:
// the screen (Sla.tsx) keeps one SlaForm in state and sends toBody(form) to save and to preview.
import type { RequestBody, Schemas } from "../api/client";

export type PolicyBody = RequestBody<"/sla-policies", "post">;
export type PolicyOut = Schemas["SLAPolicyOut"];
export type Priority = "low" | "normal" | "high" | "urgent";
export const PRIORITIES: Priority[] = ["urgent", "high", "normal", "low"];
export const PAUSABLE = ["pending", "on_hold"] as const;
export type Pausable = (typeof PAUSABLE)[number];
/** Monday first, as the API numbers days (0 = Monday). */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

export type Block = { start: string; end: string };
export type Hours = { first: string; resolution: string };
/** The escalation kinds the editor offers; others are kept as they are (shown, removable). */
export type StepAction = "notify_assignee" | "notify_department_manager" | "raise_priority" | "add_tag";
export type Step = {
  target: "first_response" | "resolution";
  when: "before_breach" | "after_breach";
  amount: string;
  action: StepAction;
  tag: string;
  /** A step the editor cannot show field by field: sent back unchanged. */
  raw?: Schemas["EscalationStepOutput"];
};

export type SlaForm = {
  name: string;
  description: string;
  isActive: boolean;
  order: string;
  timezone: string;
  /** Working hours per weekday (index 0 = Monday); every day empty means 24x7. */
  week: Block[][];
  holidays: string[];
  defaults: Hours;
  /** Per priority; both empty: the default targets apply. */
  overrides: Record<Priority, Hours>;
  pause: Pausable[];
  steps: Step[];
};

const EMPTY_HOURS: Hours = { first: "", resolution: "" };

/** A new policy: London-style office hours Monday to Friday, 4 h / 24 h. */
export function newForm(timezone = "UTC"): SlaForm {
  return {
    name: "",
    description: "",
    isActive: true,
    order: "0",
    timezone,
    week: WEEKDAYS.map((day) => (day < 5 ? [{ start: "09:00", end: "17:00" }] : [])),
    holidays: [],
    defaults: { first: "4", resolution: "24" },
    overrides: { urgent: { ...EMPTY_HOURS }, high: { ...EMPTY_HOURS }, normal: { ...EMPTY_HOURS }, low: { ...EMPTY_HOURS } },
    pause: ["pending", "on_hold"],
    steps: [],
  };
}

function hhmm(value: string): string {
  return value.slice(0, 5);
}

function stepOf(step: Schemas["EscalationStepOutput"]): Step {
  const [action, ...more] = step.actions;
  const amount = String(step.when === "before_breach" ? (step.percent ?? "") : (step.minutes ?? ""));
  const base = { target: step.target ?? "resolution", when: step.when, amount, tag: "" } as const;
  if (more.length === 0 && action !== undefined) {
    if (action.type === "notify" && action.notify === "assignee") return { ...base, action: "notify_assignee" };
    if (action.type === "notify" && action.notify === "department_manager") return { ...base, action: "notify_department_manager" };
    if (action.type === "raise_priority") return { ...base, action: "raise_priority" };
    if (action.type === "add_tag" && action.tag) return { ...base, action: "add_tag", tag: action.tag };
  }
  return { ...base, action: "notify_assignee", raw: step };
}

/** The form for a saved policy. */
export function formOf(policy: PolicyOut): SlaForm {
  const form = newForm(policy.calendar.timezone ?? "UTC");
  const week: Block[][] = WEEKDAYS.map(() => []);
  for (const block of policy.calendar.hours ?? []) week[block.day].push({ start: hhmm(block.start), end: hhmm(block.end) });
  for (const day of week) day.sort((a, b) => a.start.localeCompare(b.start));
  const overrides = { ...form.overrides };
  for (const priority of PRIORITIES) {
    const found = policy.priority_overrides[priority];
    if (found) overrides[priority] = { first: String(found.first_response_hours), resolution: String(found.resolution_hours) };
  }
  return {
    ...form,
    name: policy.name,
    description: policy.description,
    isActive: policy.is_active,
    order: String(policy.order),
    week,
    holidays: [...(policy.calendar.holidays ?? [])].sort(),
    defaults: { first: String(policy.first_response_hours), resolution: String(policy.resolution_hours) },
    overrides,
    pause: policy.pause_statuses.filter((s): s is Pausable => (PAUSABLE as readonly string[]).includes(s)),
    steps: policy.escalation_rules.map(stepOf),
  };
}

/** A number typed in a field (an empty or unreadable one is sent as is, for the API to name). */
function num(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}

function stepBody(step: Step): Schemas["EscalationStepInput"] {
  if (step.raw) return step.raw;
  const action =
    step.action === "add_tag"
      ? { type: "add_tag" as const, tag: step.tag }
      : step.action === "raise_priority"
        ? { type: "raise_priority" as const }
        : { type: "notify" as const, notify: step.action === "notify_assignee" ? ("assignee" as const) : ("department_manager" as const) };
  const timing = step.when === "before_breach" ? { percent: num(step.amount) } : { minutes: num(step.amount) };
  return { target: step.target, when: step.when, ...timing, actions: [action] };
}

/** The policy as the API takes it (POST body; every field of it is also a PATCH field). */
export function toBody(form: SlaForm): PolicyBody {
  const overrides: PolicyBody["priority_overrides"] = {};
  for (const priority of PRIORITIES) {
    const hours = form.overrides[priority];
    if (hours.first.trim() !== "" || hours.resolution.trim() !== "") {
      overrides[priority] = { first_response_hours: num(hours.first), resolution_hours: num(hours.resolution) };
    }
  }
  return {
    name: form.name,
    description: form.description,
    is_active: form.isActive,
    order: num(form.order),
    first_response_hours: num(form.defaults.first),
    resolution_hours: num(form.defaults.resolution),
    priority_overrides: overrides,
    calendar: {
      timezone: form.timezone,
      hours: form.week.flatMap((blocks, day) => blocks.map((block) => ({ day, start: block.start, end: block.end }))),
      holidays: [...new Set(form.holidays.filter((day) => day !== ""))].sort(),
    },
    pause_statuses: [...form.pause],
    escalation_rules: form.steps.map(stepBody),
  };
}

/** The API's 422 details whose field is in this part of the form (`calendar.hours` takes `calendar.hours.3.end`). */
export function messagesAt(details: { field?: string | null; message: string }[], ...prefixes: string[]): string[] {
  return details
    .filter((d) => prefixes.some((p) => d.field === p || (d.field ?? "").startsWith(`${p}.`)))
    .map((d) => (d.field ? `${d.field}: ${d.message}` : d.message));
}
