// SLA policies for managers and admins: the list, and the editor with the business-hours calendar,
// targets per priority, pause statuses and escalations, with a live preview of the due times a
// ticket created now would get (POST /sla-policies/preview: the API's own calendar arithmetic).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useMemo, useState } from "react";
import { ApiError, get, patch, post } from "../api/client";
import { ErrorMessage } from "../components";
import { formatDateTime, formatDay } from "../format";
import { describeError, t } from "../i18n";
import type { Session } from "../session";
import { FieldErrors } from "./Frame";
import {
  formOf,
  messagesAt,
  newForm,
  PAUSABLE,
  type PolicyBody,
  type PolicyOut,
  type Priority,
  PRIORITIES,
  type SlaForm,
  type Step,
  type StepAction,
  toBody,
  WEEKDAYS,
} from "./slaForm";

const PREVIEW_DELAY_MS = 400;
const STEP_ACTIONS: StepAction[] = ["notify_assignee", "notify_department_manager", "raise_priority", "add_tag"];

function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((zone) => zone !== "UTC")];
}

/** The value once it has stopped changing for a moment (the preview is asked once per pause in typing). */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export function SlaPolicies({ session }: { session: Session }) {
  const [editing, setEditing] = useState<PolicyOut | "new" | null>(null);
  const policies = useQuery({
    queryKey: ["sla-policies"],
    queryFn: ({ signal }) => get("/sla-policies", { token: session.token, query: { limit: 100 }, signal }),
  });
  if (editing !== null) {
    return (
      <SlaEditor
        key={editing === "new" ? "new" : `${editing.id}:${editing.version}`}
        session={session}
        policy={editing === "new" ? null : editing}
        onDone={() => setEditing(null)}
      />
    );
  }
  return (
    <section aria-labelledby="sla-list">
      <div className="list-head">
        <h2 id="sla-list">{t("slaEdit.policies")}</h2>
        <button type="button" className="push" onClick={() => setEditing("new")}>
          {t("slaEdit.new")}
        </button>
      </div>
      <ErrorMessage error={policies.error} />
      {policies.isPending ? (
        <p>{t("app.loading")}</p>
      ) : policies.data?.items.length === 0 ? (
        <p>{t("slaEdit.none")}</p>
      ) : (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t("slaEdit.name")}</th>
              <th scope="col">{t("slaEdit.order")}</th>
              <th scope="col">{t("slaEdit.targets")}</th>
              <th scope="col">{t("slaEdit.timezone")}</th>
              <th scope="col">{t("slaEdit.state")}</th>
            </tr>
          </thead>
          <tbody>
            {policies.data?.items.map((policy) => (
              <tr key={policy.id}>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(policy)}>
                    {policy.name}
                  </button>
                </td>
                <td>{policy.order}</td>
                <td>{t("slaEdit.targetsValue", { first: policy.first_response_hours, resolution: policy.resolution_hours })}</td>
                <td>{policy.calendar.timezone ?? "UTC"}</td>
                <td>{policy.is_active ? t("slaEdit.active") : t("slaEdit.inactive")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type EditorProps = { session: Session; policy: PolicyOut | null; onDone: () => void };

function SlaEditor({ session, policy, onDone }: EditorProps) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<SlaForm>(() => (policy ? formOf(policy) : newForm(session.user.timezone || "UTC")));
  const [previewPriority, setPreviewPriority] = useState<Priority>("normal");
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const zones = useMemo(timeZones, []);
  const body = useMemo(() => toBody(form), [form]);
  const save = useMutation({
    mutationFn: (sent: PolicyBody) =>
      policy === null
        ? post("/sla-policies", { token: session.token, body: sent, idempotencyKey })
        : patch("/sla-policies/{policy_id}", { token: session.token, params: { policy_id: policy.id }, body: sent, ifMatch: policy.version }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["sla-policies"] });
      onDone();
    },
  });
  const details = save.error instanceof ApiError && save.error.status === 422 ? save.error.details : [];
  const at = (...prefixes: string[]) => messagesAt(details, ...prefixes);
  const set = (changes: Partial<SlaForm>) => setForm((current) => ({ ...current, ...changes }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(body);
  };
  const nameErrors = at("name");

  return (
    <form className="sla-form" onSubmit={submit} noValidate aria-labelledby="sla-editor">
      <h2 id="sla-editor">{policy === null ? t("slaEdit.new") : t("slaEdit.edit", { name: policy.name })}</h2>
      <label className="field">
        <span>{t("slaEdit.name")}</span>
        <input
          name="name"
          value={form.name}
          required
          aria-invalid={nameErrors.length > 0 ? true : undefined}
          aria-describedby={nameErrors.length > 0 ? "err-name" : undefined}
          onChange={(event) => set({ name: event.target.value })}
        />
      </label>
      <FieldErrors id="err-name" messages={nameErrors} />
      <label className="field">
        <span>{t("slaEdit.description")}</span>
        <textarea name="description" value={form.description} onChange={(event) => set({ description: event.target.value })} />
      </label>
      <div className="row">
        <label className="field">
          <span>{t("slaEdit.order")}</span>
          <input name="order" type="number" min={0} value={form.order} onChange={(event) => set({ order: event.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={form.isActive} onChange={(event) => set({ isActive: event.target.checked })} />
          {t("slaEdit.active")}
        </label>
      </div>
      <FieldErrors id="err-order" messages={at("order", "is_active", "description", "conditions")} />

      <fieldset className="panel">
        <legend>{t("slaEdit.hours")}</legend>
        <label className="field">
          <span>{t("slaEdit.timezone")}</span>
          <select name="timezone" value={form.timezone} onChange={(event) => set({ timezone: event.target.value })}>
            {!zones.includes(form.timezone) && <option value={form.timezone}>{form.timezone}</option>}
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <p className="hint">{t("slaEdit.hoursHint")}</p>
        <WeekEditor week={form.week} onChange={(week) => set({ week })} />
        <FieldErrors id="err-hours" messages={at("calendar.hours", "calendar.timezone", "calendar")} />
        <HolidaysEditor holidays={form.holidays} onChange={(holidays) => set({ holidays })} />
        <FieldErrors id="err-holidays" messages={at("calendar.holidays")} />
      </fieldset>

      <fieldset className="panel">
        <legend>{t("slaEdit.targets")}</legend>
        <p className="hint">{t("slaEdit.targetsHint")}</p>
        <table className="targets">
          <thead>
            <tr>
              <th scope="col">{t("slaEdit.priority")}</th>
              <th scope="col">{t("slaEdit.firstResponseHours")}</th>
              <th scope="col">{t("slaEdit.resolutionHours")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("slaEdit.default")}</th>
              <td>
                <HoursInput label={t("slaEdit.firstResponseOf", { priority: t("slaEdit.default") })} value={form.defaults.first} onChange={(first) => set({ defaults: { ...form.defaults, first } })} />
              </td>
              <td>
                <HoursInput label={t("slaEdit.resolutionOf", { priority: t("slaEdit.default") })} value={form.defaults.resolution} onChange={(resolution) => set({ defaults: { ...form.defaults, resolution } })} />
              </td>
            </tr>
            {PRIORITIES.map((priority) => {
              const hours = form.overrides[priority];
              const change = (next: Partial<typeof hours>) => set({ overrides: { ...form.overrides, [priority]: { ...hours, ...next } } });
              return (
                <tr key={priority}>
                  <th scope="row">{t(`priority.${priority}`)}</th>
                  <td>
                    <HoursInput label={t("slaEdit.firstResponseOf", { priority: t(`priority.${priority}`) })} value={hours.first} placeholder={form.defaults.first} onChange={(first) => change({ first })} />
                  </td>
                  <td>
                    <HoursInput label={t("slaEdit.resolutionOf", { priority: t(`priority.${priority}`) })} value={hours.resolution} placeholder={form.defaults.resolution} onChange={(resolution) => change({ resolution })} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FieldErrors id="err-targets" messages={at("first_response_hours", "resolution_hours", "priority_overrides")} />
      </fieldset>

      <fieldset className="panel">
        <legend>{t("slaEdit.pause")}</legend>
        {PAUSABLE.map((status) => (
          <label key={status} className="check">
            <input
              type="checkbox"
              checked={form.pause.includes(status)}
              onChange={(event) => set({ pause: event.target.checked ? [...form.pause, status] : form.pause.filter((s) => s !== status) })}
            />
            {t(`status.${status}`)}
          </label>
        ))}
        <FieldErrors id="err-pause" messages={at("pause_statuses")} />
      </fieldset>

      <fieldset className="panel">
        <legend>{t("slaEdit.escalations")}</legend>
        <StepsEditor steps={form.steps} onChange={(steps) => set({ steps })} />
        <FieldErrors id="err-steps" messages={at("escalation_rules")} />
      </fieldset>

      <SlaPreview session={session} body={body} priority={previewPriority} onPriority={setPreviewPriority} />

      {save.error instanceof ApiError && save.error.status === 412 ? (
        <p role="alert" className="error">
          {t("slaEdit.conflict")}
        </p>
      ) : save.error && details.length === 0 ? (
        <ErrorMessage error={save.error} />
      ) : details.length > 0 ? (
        <p role="alert" className="error">
          {t("slaEdit.invalid")}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {t("slaEdit.save")}
        </button>
        <button type="button" onClick={onDone}>
          {t("slaEdit.cancel")}
        </button>
      </div>
    </form>
  );
}

type HoursInputProps = { label: string; value: string; placeholder?: string; onChange: (value: string) => void };

function HoursInput({ label, value, placeholder, onChange }: HoursInputProps) {
  return (
    <input
      type="number"
      min={0}
      step="any"
      className="hours"
      aria-label={label}
      value={value}
      placeholder={placeholder}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

function WeekEditor({ week, onChange }: { week: SlaForm["week"]; onChange: (week: SlaForm["week"]) => void }) {
  const change = (day: number, blocks: SlaForm["week"][number]) => onChange(week.map((old, index) => (index === day ? blocks : old)));
  return (
    <table className="week">
      <tbody>
        {WEEKDAYS.map((day) => {
          const name = t(`slaEdit.day.${day}`);
          const blocks = week[day];
          return (
            <tr key={day}>
              <th scope="row">{name}</th>
              <td>
                {blocks.length === 0 && <span className="muted">{t("slaEdit.closed")}</span>}
                {blocks.map((block, index) => (
                  <span key={index} className="block">
                    <input
                      type="time"
                      aria-label={t("slaEdit.opens", { day: name, n: index + 1 })}
                      value={block.start}
                      onChange={(event) => change(day, blocks.map((b, i) => (i === index ? { ...b, start: event.target.value } : b)))}
                    />
                    –
                    <input
                      type="time"
                      aria-label={t("slaEdit.closes", { day: name, n: index + 1 })}
                      value={block.end}
                      onChange={(event) => change(day, blocks.map((b, i) => (i === index ? { ...b, end: event.target.value } : b)))}
                    />
                    <button type="button" className="link" onClick={() => change(day, blocks.filter((_b, i) => i !== index))}>
                      {t("slaEdit.removeHours", { day: name, n: index + 1 })}
                    </button>
                  </span>
                ))}
              </td>
              <td>
                <button type="button" className="link" onClick={() => change(day, [...blocks, { start: "09:00", end: "17:00" }])}>
                  {t("slaEdit.addHours", { day: name })}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function HolidaysEditor({ holidays, onChange }: { holidays: string[]; onChange: (holidays: string[]) => void }) {
  const [day, setDay] = useState("");
  const id = useId();
  const add = () => {
    if (day !== "" && !holidays.includes(day)) onChange([...holidays, day].sort());
    setDay("");
  };
  return (
    <div>
      <h3>{t("slaEdit.holidays")}</h3>
      {holidays.length === 0 ? (
        <p className="muted">{t("slaEdit.noHolidays")}</p>
      ) : (
        <ul className="plain">
          {holidays.map((holiday) => (
            <li key={holiday}>
              {formatDay(holiday)}{" "}
              <button type="button" className="link" onClick={() => onChange(holidays.filter((h) => h !== holiday))}>
                {t("slaEdit.removeHoliday", { day: formatDay(holiday) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-left">
        <label htmlFor={id}>{t("slaEdit.holiday")}</label>
        <input id={id} type="date" value={day} onChange={(event) => setDay(event.target.value)} />
        <button type="button" onClick={add} disabled={day === ""}>
          {t("slaEdit.addHoliday")}
        </button>
      </div>
    </div>
  );
}

function StepsEditor({ steps, onChange }: { steps: Step[]; onChange: (steps: Step[]) => void }) {
  const change = (index: number, next: Partial<Step>) => onChange(steps.map((step, i) => (i === index ? { ...step, ...next, raw: undefined } : step)));
  return (
    <div>
      {steps.length === 0 && <p className="muted">{t("slaEdit.noSteps")}</p>}
      <ol className="steps">
        {steps.map((step, index) => {
          const n = index + 1;
          return (
            <li key={index}>
              {step.raw ? (
                <span>{t("slaEdit.stepKept")}</span>
              ) : (
                <span className="step">
                  <select aria-label={t("slaEdit.stepTarget", { n })} value={step.target} onChange={(event) => change(index, { target: event.target.value as Step["target"] })}>
                    <option value="first_response">{t("sla.firstResponse")}</option>
                    <option value="resolution">{t("sla.resolution")}</option>
                  </select>
                  <select aria-label={t("slaEdit.stepWhen", { n })} value={step.when} onChange={(event) => change(index, { when: event.target.value as Step["when"] })}>
                    <option value="before_breach">{t("slaEdit.beforeBreach")}</option>
                    <option value="after_breach">{t("slaEdit.afterBreach")}</option>
                  </select>
                  <input
                    type="number"
                    min={0}
                    className="hours"
                    aria-label={step.when === "before_breach" ? t("slaEdit.stepPercent", { n }) : t("slaEdit.stepMinutes", { n })}
                    value={step.amount}
                    onChange={(event) => change(index, { amount: event.target.value })}
                  />
                  <span>{step.when === "before_breach" ? t("slaEdit.percentElapsed") : t("slaEdit.minutesAfter")}</span>
                  <select aria-label={t("slaEdit.stepAction", { n })} value={step.action} onChange={(event) => change(index, { action: event.target.value as StepAction })}>
                    {STEP_ACTIONS.map((action) => (
                      <option key={action} value={action}>
                        {t(`slaEdit.action.${action}`)}
                      </option>
                    ))}
                  </select>
                  {step.action === "add_tag" && (
                    <input aria-label={t("slaEdit.stepTag", { n })} value={step.tag} onChange={(event) => change(index, { tag: event.target.value })} />
                  )}
                </span>
              )}{" "}
              <button type="button" className="link" onClick={() => onChange(steps.filter((_s, i) => i !== index))}>
                {t("slaEdit.removeStep", { n })}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() => onChange([...steps, { target: "resolution", when: "before_breach", amount: "80", action: "notify_assignee", tag: "" }])}
      >
        {t("slaEdit.addStep")}
      </button>
    </div>
  );
}

type PreviewProps = { session: Session; body: PolicyBody; priority: Priority; onPriority: (priority: Priority) => void };

/** "A ticket created now with priority X would be due at ...", asked of the API as the form changes. */
function SlaPreview({ session, body, priority, onPriority }: PreviewProps) {
  const settled = useSettled(body, PREVIEW_DELAY_MS);
  const preview = useQuery({
    queryKey: ["sla-preview", settled, priority],
    queryFn: ({ signal }) => post("/sla-policies/preview", { token: session.token, body: { policy: settled, priority }, signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <section className="panel preview" aria-labelledby="sla-preview">
      <h2 id="sla-preview">{t("slaEdit.preview")}</h2>
      <label className="field">
        <span>{t("slaEdit.previewPriority")}</span>
        <select value={priority} onChange={(event) => onPriority(event.target.value as Priority)}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <div aria-live="polite" data-testid="sla-preview">
        {preview.error ? (
          <p className="notice">{t("slaEdit.previewUnavailable", { reason: describeError(preview.error) })}</p>
        ) : preview.data ? (
          <>
            <p>
              {t("slaEdit.previewSentence", {
                priority: t(`priority.${priority}`),
                first: formatDateTime(preview.data.first_response_due),
                resolution: formatDateTime(preview.data.resolution_due),
              })}
            </p>
            <p className="hint">{preview.data.explanation}</p>
          </>
        ) : (
          <p>{t("app.loading")}</p>
        )}
      </div>
    </section>
  );
}
