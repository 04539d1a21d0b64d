// Automation rules for managers and admins: the list in execution order (enable/disable, statistics,
// reorder by drag or by the move buttons), a builder whose fields, operators and action parameters
// all come from GET /automation-rules/schema, a dry run on one ticket and a simulation over the last
// tickets. Trigger, field, operator and action names are the API's identifiers, shown as they are.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type DragEvent, type FormEvent, useState } from "react";
import { ApiError, get, patch, post, type Schemas } from "../api/client";
import { followLink } from "../agent/Workspace";
import { ErrorMessage } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";

export const RULES_PATH = "/app/manage/rules";

type RuleOut = Schemas["RuleOut"];
type RuleSchema = Schemas["RuleSchemaOut"];
type FieldSchema = Schemas["RuleFieldOut"];
type ParameterSchema = Schemas["RuleParameterOut"];
type Detail = Schemas["ErrorDetail"];

/** A condition row of the builder (values kept as typed; converted by kind when saved). */
export type ConditionRow = { field: string; operator: string; value: string };
/** An action row: its type and its parameters as typed. */
export type ActionRow = { type: string; params: Record<string, string> };
export type Draft = {
  id: string | null;
  version: number | null;
  name: string;
  trigger: string;
  all: ConditionRow[];
  any: ConditionRow[];
  actions: ActionRow[];
  active: boolean;
};

const EMPTY: Draft = { id: null, version: null, name: "", trigger: "ticket_created", all: [], any: [], actions: [], active: true };

/** Whether the reader may manage automation rules (the API's `rules.write`). */
export function managesRules(role: string): boolean {
  return role === "admin" || role === "manager";
}

function split(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function scalar(text: string, kind: string): string | number | boolean | null {
  if (kind === "number" && text.trim() !== "" && !Number.isNaN(Number(text))) return Number(text);
  if (kind === "boolean") return text === "true";
  return text;
}

/** A condition row as the API takes it, its value converted by the operator's and the field's kind. */
export function conditionBody(row: ConditionRow, field: FieldSchema | undefined): Record<string, unknown> {
  const operator = field?.operators.find((o) => o.operator === row.operator);
  const kind = operator?.value ?? "scalar";
  const fieldKind = field?.kind ?? "text";
  if (kind === "none") return { field: row.field, operator: row.operator };
  if (kind === "list") return { field: row.field, operator: row.operator, value: split(row.value).map((v) => scalar(v, fieldKind)) };
  if (kind === "number") {
    const ranked = fieldKind === "choice";
    return { field: row.field, operator: row.operator, value: ranked ? row.value : Number(row.value) };
  }
  if (kind === "text") return { field: row.field, operator: row.operator, value: row.value };
  return { field: row.field, operator: row.operator, value: scalar(row.value, fieldKind) };
}

/** An action row as the API takes it: empty optional parameters left out, values by the parameter's kind. */
export function actionBody(row: ActionRow, parameters: ParameterSchema[]): Record<string, unknown> {
  const body: Record<string, unknown> = { type: row.type };
  for (const parameter of parameters) {
    const text = row.params[parameter.name] ?? "";
    if (text === "" && parameter.kind !== "boolean") {
      if (parameter.required && parameter.nullable) body[parameter.name] = null;
      continue;
    }
    if (parameter.kind === "list") body[parameter.name] = split(text);
    else if (parameter.kind === "number") body[parameter.name] = Number(text);
    else if (parameter.kind === "boolean") body[parameter.name] = text === "true";
    else body[parameter.name] = parameter.kind === "scalar" ? scalar(text, "text") : text;
  }
  return body;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((v) => String(v)).join(", ");
  return String(value);
}

/** A saved rule as builder rows. */
export function draftOf(rule: RuleOut): Draft {
  const conditions = rule.trigger_conditions as { all?: Record<string, unknown>[]; any?: Record<string, unknown>[] };
  const rows = (list: Record<string, unknown>[] | undefined): ConditionRow[] =>
    (list ?? []).map((c) => ({ field: String(c.field), operator: String(c.operator), value: valueText(c.value) }));
  return {
    id: rule.id,
    version: rule.version,
    name: rule.name,
    trigger: rule.trigger_type,
    all: rows(conditions.all),
    any: rows(conditions.any),
    actions: rule.actions.map((a) => ({
      type: String(a.type),
      params: Object.fromEntries(Object.entries(a).filter(([key]) => key !== "type").map(([key, v]) => [key, valueText(v)])),
    })),
    active: rule.is_active,
  };
}

/** The 422 details for one path of the rule (`actions.0.priority`, `trigger_conditions.all.1.value`...). */
function detailsAt(details: Detail[], path: string): string[] {
  return details
    .filter((d) => {
      const field = (d.field ?? "").replace(/^rule\./, "");
      return field === path || field.startsWith(`${path}.`);
    })
    .map((d) => d.message);
}

const PLACED = /^(name|trigger_type|trigger_conditions\.(all|any)\.\d+|actions\.\d+)(\.|$)/;

/** The 422 details no field of the form shows (the rule as a whole). */
function unplaced(details: Detail[]): string[] {
  return details.filter((d) => !PLACED.test((d.field ?? "").replace(/^rule\./, ""))).map((d) => (d.field ? `${d.field}: ${d.message}` : d.message));
}

function FieldErrors({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="error" role="alert">
      {messages.join(" ")}
    </p>
  );
}

type RulesProps = { session: Session };

export function Rules({ session }: RulesProps) {
  const client = useQueryClient();
  const token = session.token;
  const rules = useQuery({ queryKey: ["rules"], queryFn: ({ signal }) => get("/automation-rules", { token, query: { limit: 100 }, signal }) });
  const schema = useQuery({ queryKey: ["rules-schema"], queryFn: ({ signal }) => get("/automation-rules/schema", { token, signal }) });
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [formKey, setFormKey] = useState(0); // a new builder for each "edit" or "new"
  const [notice, setNotice] = useState("");
  const edit = (next: Draft) => {
    setDraft(next);
    setFormKey((key) => key + 1);
  };

  const toggle = useMutation({
    mutationFn: (rule: RuleOut) =>
      patch("/automation-rules/{rule_id}", { token, params: { rule_id: rule.id }, ifMatch: rule.version, body: { is_active: !rule.is_active } }),
    onSettled: () => client.invalidateQueries({ queryKey: ["rules"] }),
  });
  const reorder = useMutation({
    // One transaction for the whole order, checked against the versions this list shows (409 if one moved).
    mutationFn: (ordered: RuleOut[]) =>
      post("/automation-rules/order", { token, body: { ids: ordered.map((r) => r.id), versions: ordered.map((r) => r.version) } }),
    onMutate: () => setNotice(""),
    onSettled: async (_data, error) => {
      // The list's versions move with the writes: the notice once they are read back.
      await client.invalidateQueries({ queryKey: ["rules"] });
      if (!error) setNotice(t("rules.moved"));
    },
  });

  const items = rules.data?.items ?? [];
  const move = (from: number, to: number) => {
    if (to < 0 || to >= items.length || from === to) return;
    const ordered = [...items];
    const [rule] = ordered.splice(from, 1);
    ordered.splice(to, 0, rule);
    reorder.mutate(ordered);
  };
  const [dragged, setDragged] = useState<number | null>(null);

  return (
    <div className="rules">
      <section aria-labelledby="rules-list">
        <h2 id="rules-list">{t("rules.list")}</h2>
        <ErrorMessage error={rules.error ?? toggle.error ?? reorder.error} />
        <p role="status">{notice}</p>
        {rules.isSuccess && items.length === 0 && <p>{t("rules.empty")}</p>}
        {items.length > 0 && (
          <table className="rules-table">
            <thead>
              <tr>
                <th scope="col">{t("rules.col.order")}</th>
                <th scope="col">{t("rules.col.name")}</th>
                <th scope="col">{t("rules.col.trigger")}</th>
                <th scope="col">{t("rules.col.active")}</th>
                <th scope="col">{t("rules.col.executions")}</th>
                <th scope="col">{t("rules.col.failures")}</th>
                <th scope="col">{t("rules.col.lastError")}</th>
                <th scope="col">{t("rules.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((rule, index) => (
                <tr
                  key={rule.id}
                  draggable
                  aria-label={t("rules.drag", { name: rule.name })}
                  className={dragged === index ? "dragging" : undefined}
                  onDragStart={(event: DragEvent) => {
                    event.dataTransfer.effectAllowed = "move";
                    setDragged(index);
                  }}
                  onDragOver={(event: DragEvent) => event.preventDefault()}
                  onDrop={(event: DragEvent) => {
                    event.preventDefault();
                    if (dragged !== null) move(dragged, index);
                    setDragged(null);
                  }}
                  onDragEnd={() => setDragged(null)}
                >
                  <td>
                    <span className="drag-handle" aria-hidden="true">
                      ⠿
                    </span>{" "}
                    <button type="button" onClick={() => move(index, index - 1)} disabled={index === 0 || reorder.isPending} aria-label={t("rules.moveUp", { name: rule.name })}>
                      ↑
                    </button>
                    <button
                      type="button"
                      onClick={() => move(index, index + 1)}
                      disabled={index === items.length - 1 || reorder.isPending}
                      aria-label={t("rules.moveDown", { name: rule.name })}
                    >
                      ↓
                    </button>
                  </td>
                  <td>{rule.name}</td>
                  <td>{rule.trigger_type}</td>
                  <td>
                    <input
                      type="checkbox"
                      checked={rule.is_active}
                      disabled={toggle.isPending}
                      aria-label={t("rules.activeLabel", { name: rule.name })}
                      onChange={() => toggle.mutate(rule)}
                    />
                  </td>
                  <td>{rule.statistics?.execution_count ?? 0}</td>
                  <td>{rule.statistics?.failure_count ?? 0}</td>
                  <td>{rule.statistics?.last_error ?? ""}</td>
                  <td>
                    <button type="button" className="link" onClick={() => edit(draftOf(rule))}>
                      {t("rules.edit", { name: rule.name })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ErrorMessage error={schema.error} />
      {schema.data && (
        <Builder
          key={formKey}
          session={session}
          schema={schema.data}
          initial={draft}
          onSaved={() => void client.invalidateQueries({ queryKey: ["rules"] })}
          onNew={() => edit(EMPTY)}
        />
      )}
    </div>
  );
}

type BuilderProps = { session: Session; schema: RuleSchema; initial: Draft; onSaved: (rule: RuleOut) => void; onNew: () => void };

function Builder({ session, schema, initial, onSaved, onNew }: BuilderProps) {
  const token = session.token;
  const [draft, setDraft] = useState<Draft>(initial);
  const [saved, setSaved] = useState(false);
  const trigger = schema.triggers.find((tr) => tr.type === draft.trigger) ?? schema.triggers[0];
  const fields = new Map(trigger.fields.map((f) => [f.name, f]));
  const actionTypes = new Map(schema.actions.map((a) => [a.type, a]));

  const body = () => ({
    name: draft.name,
    trigger_type: draft.trigger,
    trigger_conditions: {
      all: draft.all.map((row) => conditionBody(row, fields.get(row.field))),
      any: draft.any.map((row) => conditionBody(row, fields.get(row.field))),
    },
    actions: draft.actions.map((row) => actionBody(row, actionTypes.get(row.type)?.parameters ?? [])),
    is_active: draft.active,
  });

  const save = useMutation({
    mutationFn: async () => {
      const rule = body() as unknown as Schemas["AutomationRuleCommand"];
      if (draft.id === null) return post("/automation-rules", { token, body: rule });
      return patch("/automation-rules/{rule_id}", { token, params: { rule_id: draft.id }, ifMatch: draft.version ?? undefined, body: rule });
    },
    onSuccess: (rule) => {
      setDraft((current) => ({ ...current, id: rule.id, version: rule.version }));
      setSaved(true);
      onSaved(rule);
    },
    onMutate: () => setSaved(false),
  });
  const details: Detail[] = save.error instanceof ApiError ? save.error.details : [];
  const at = (path: string) => detailsAt(details, path);

  const firstField = (): ConditionRow => {
    const field = trigger.fields[0];
    return { field: field.name, operator: field.operators[0]?.operator ?? "is", value: "" };
  };
  const setRows = (group: "all" | "any", rows: ConditionRow[]) => setDraft({ ...draft, [group]: rows });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <>
      <form className="rule-builder" onSubmit={submit} aria-labelledby="builder-title" noValidate>
        <h2 id="builder-title">{draft.id === null ? t("rules.builder.new") : t("rules.builder.edit", { name: draft.name })}</h2>
        <label className="field">
          <span>{t("rules.builder.name")}</span>
          <input
            name="name"
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            aria-invalid={at("name").length > 0 ? true : undefined}
            aria-describedby={at("name").length > 0 ? "err-name" : undefined}
          />
        </label>
        <FieldErrors id="err-name" messages={at("name")} />
        <div className="field">
          <label htmlFor="rule-trigger">{t("rules.builder.trigger")}</label>
          <select
            id="rule-trigger"
            name="trigger"
            value={draft.trigger}
            onChange={(event) => setDraft({ ...draft, trigger: event.target.value, all: [], any: [], actions: [] })}
          >
            {schema.triggers.map((tr) => (
              <option key={tr.type} value={tr.type}>
                {tr.type}
              </option>
            ))}
          </select>
        </div>
        <FieldErrors id="err-trigger" messages={at("trigger_type")} />
        {(["all", "any"] as const).map((group) => (
          <fieldset key={group} className="conditions">
            <legend>{t(group === "all" ? "rules.builder.all" : "rules.builder.any")}</legend>
            {draft[group].map((row, index) => (
              <ConditionEditor
                key={index}
                id={`${group}-${index}`}
                n={index + 1}
                row={row}
                fields={trigger.fields}
                errors={at(`trigger_conditions.${group}.${index}`)}
                onChange={(next) => setRows(group, draft[group].map((r, i) => (i === index ? next : r)))}
                onRemove={() => setRows(group, draft[group].filter((_, i) => i !== index))}
              />
            ))}
            <button type="button" onClick={() => setRows(group, [...draft[group], firstField()])}>
              {t("rules.builder.addCondition")}
            </button>
          </fieldset>
        ))}
        <fieldset className="actions">
          <legend>{t("rules.builder.actions")}</legend>
          {draft.actions.map((row, index) => (
            <ActionEditor
              key={index}
              id={`action-${index}`}
              n={index + 1}
              row={row}
              types={trigger.actions}
              parameters={actionTypes.get(row.type)?.parameters ?? []}
              errorsAt={(name) => (name === null ? at(`actions.${index}`) : [...at(`actions.${index}.${name}`), ...at(`actions.${index}.${row.type}.${name}`)])}
              onChange={(next) => setDraft({ ...draft, actions: draft.actions.map((r, i) => (i === index ? next : r)) })}
              onRemove={() => setDraft({ ...draft, actions: draft.actions.filter((_, i) => i !== index) })}
            />
          ))}
          <button type="button" onClick={() => setDraft({ ...draft, actions: [...draft.actions, { type: trigger.actions[0], params: {} }] })}>
            {t("rules.builder.addAction")}
          </button>
        </fieldset>
        <FieldErrors id="err-rule" messages={unplaced(details)} />
        <label className="check">
          <input type="checkbox" checked={draft.active} onChange={(event) => setDraft({ ...draft, active: event.target.checked })} /> {t("rules.builder.active")}
        </label>
        {save.error instanceof ApiError && save.error.status === 422 ? (
          <p role="alert" className="error">
            {t("rules.builder.invalid")}
          </p>
        ) : (
          <ErrorMessage error={save.error} />
        )}
        <p role="status">{saved ? t("rules.builder.saved") : ""}</p>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t("rules.builder.save")}
        </button>{" "}
        {draft.id !== null && (
          <button type="button" onClick={onNew}>
            {t("rules.builder.cancel")}
          </button>
        )}
      </form>
      <DryRun session={session} ruleId={draft.id} />
      <Simulation session={session} rule={body} />
    </>
  );
}

type ConditionEditorProps = {
  id: string;
  n: number;
  row: ConditionRow;
  fields: FieldSchema[];
  errors: string[];
  onChange: (row: ConditionRow) => void;
  onRemove: () => void;
};

function ConditionEditor({ id, n, row, fields, errors, onChange, onRemove }: ConditionEditorProps) {
  const field = fields.find((f) => f.name === row.field) ?? fields[0];
  const operator = field.operators.find((o) => o.operator === row.operator) ?? field.operators[0];
  const errorId = `err-${id}`;
  const invalid = errors.length > 0 ? true : undefined;
  return (
    <div className="condition" role="group" aria-label={t("rules.builder.conditionN", { n })}>
      <div className="labelled">
        <label htmlFor={`${id}-field`}>{t("rules.builder.field")}</label>
        <select
          id={`${id}-field`}
          value={field.name}
          aria-invalid={invalid}
          onChange={(event) => {
            const next = fields.find((f) => f.name === event.target.value) ?? field;
            onChange({ field: next.name, operator: next.operators[0]?.operator ?? "is", value: "" });
          }}
        >
          {fields.map((f) => (
            <option key={f.name} value={f.name}>
              {f.name}
            </option>
          ))}
        </select>
      </div>
      <div className="labelled">
        <label htmlFor={`${id}-operator`}>{t("rules.builder.operator")}</label>
        <select id={`${id}-operator`} value={operator?.operator} aria-invalid={invalid} onChange={(event) => onChange({ ...row, field: field.name, operator: event.target.value })}>
          {field.operators.map((o) => (
            <option key={o.operator} value={o.operator}>
              {o.operator}
            </option>
          ))}
        </select>
      </div>
      {operator && operator.value !== "none" && (
        <ValueInput
          id={`${id}-value`}
          kind={operator.value}
          field={field}
          value={row.value}
          invalid={invalid}
          describedBy={invalid ? errorId : undefined}
          onChange={(value) => onChange({ ...row, field: field.name, operator: operator.operator, value })}
        />
      )}
      <button type="button" onClick={onRemove} aria-label={t("rules.builder.removeCondition", { n })}>
        {t("rules.builder.remove")}
      </button>
      <FieldErrors id={errorId} messages={errors} />
    </div>
  );
}

type ValueInputProps = { id: string; kind: string; field: FieldSchema; value: string; invalid?: boolean; describedBy?: string; onChange: (value: string) => void };

function ValueInput({ id, kind, field, value, invalid, describedBy, onChange }: ValueInputProps) {
  const choices = field.kind === "boolean" ? ["true", "false"] : field.choices;
  const label = kind === "list" ? `${t("rules.builder.value")} (${t("rules.builder.listHint")})` : t("rules.builder.value");
  if (kind !== "list" && kind !== "text" && choices.length > 0) {
    return (
      <div className="labelled">
        <label htmlFor={id}>{label}</label>
        <select id={id} value={value} aria-invalid={invalid} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t("rules.builder.none")}</option>
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      </div>
    );
  }
  const numeric = kind === "number" || (kind === "scalar" && field.kind === "number");
  return (
    <div className="labelled">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        type={numeric ? "number" : "text"}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

type ActionEditorProps = {
  id: string;
  n: number;
  row: ActionRow;
  types: string[];
  parameters: ParameterSchema[];
  errorsAt: (parameter: string | null) => string[];
  onChange: (row: ActionRow) => void;
  onRemove: () => void;
};

function ActionEditor({ id, n, row, types, parameters, errorsAt, onChange, onRemove }: ActionEditorProps) {
  // The action's own errors: those under it that no parameter shows (a missing target, a trigger mismatch).
  const shown = new Set(parameters.flatMap((p) => errorsAt(p.name)));
  const own = errorsAt(null).filter((message) => !shown.has(message));
  return (
    <div className="action" role="group" aria-label={t("rules.builder.actionN", { n })}>
      <div className="labelled">
        <label htmlFor={`${id}-type`}>{t("rules.builder.actionType")}</label>
        <select id={`${id}-type`} value={row.type} onChange={(event) => onChange({ type: event.target.value, params: {} })} aria-invalid={own.length > 0 ? true : undefined}>
          {types.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      {parameters.map((parameter) => {
        const errors = errorsAt(parameter.name);
        const errorId = `err-${id}-${parameter.name}`;
        const inputId = `${id}-${parameter.name}`;
        const value = row.params[parameter.name] ?? "";
        const set = (next: string) => onChange({ ...row, params: { ...row.params, [parameter.name]: next } });
        const invalid = errors.length > 0 ? true : undefined;
        const describedBy = invalid ? errorId : undefined;
        const label = parameter.kind === "list" ? `${parameter.name} (${t("rules.builder.listHint")})` : parameter.name;
        return (
          <div key={parameter.name} className="parameter">
            {parameter.kind === "boolean" ? (
              <label>
                <input type="checkbox" checked={value === "true"} onChange={(event) => set(event.target.checked ? "true" : "false")} /> {parameter.name}
              </label>
            ) : parameter.kind === "choice" ? (
              <div className="labelled">
                <label htmlFor={inputId}>{parameter.name}</label>
                <select id={inputId} value={value} aria-invalid={invalid} aria-describedby={describedBy} onChange={(event) => set(event.target.value)}>
                  {(!parameter.required || parameter.nullable || value === "") && <option value="">{t("rules.builder.none")}</option>}
                  {parameter.choices.map((choice) => (
                    <option key={choice} value={choice}>
                      {choice}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <div className="labelled">
                <label htmlFor={inputId}>{label}</label>
                <input
                  id={inputId}
                  value={value}
                  type={parameter.kind === "number" ? "number" : parameter.kind === "url" ? "url" : "text"}
                  required={parameter.required}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onChange={(event) => set(event.target.value)}
                />
              </div>
            )}
            <FieldErrors id={errorId} messages={errors} />
          </div>
        );
      })}
      <button type="button" onClick={onRemove} aria-label={t("rules.builder.removeAction", { n })}>
        {t("rules.builder.remove")}
      </button>
      <FieldErrors id={`err-${id}`} messages={own} />
    </div>
  );
}

function actionWords(action: Record<string, unknown>): string {
  const { type, would_apply: _applies, error: _error, ...rest } = action;
  const params = Object.entries(rest)
    .map(([key, value]) => `${key}=${valueText(value)}`)
    .join(" ");
  return `${String(type)}${params ? ` ${params}` : ""}`;
}

function DryRun({ session, ruleId }: { session: Session; ruleId: string | null }) {
  const [number, setNumber] = useState("");
  const run = useMutation({
    mutationFn: () => post("/automation-rules/{rule_id}/dry-run", { token: session.token, params: { rule_id: ruleId ?? "" }, body: { ticket_number: number } }),
  });
  const result = run.data;
  return (
    <section aria-labelledby="dry-title" className="dry-run">
      <h2 id="dry-title">{t("rules.dry.title")}</h2>
      {ruleId === null ? (
        <p>{t("rules.dry.needsSaved")}</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            run.mutate();
          }}
        >
          <label className="field">
            <span>{t("rules.dry.ticket")}</span>
            <input name="ticket_number" value={number} onChange={(event) => setNumber(event.target.value)} />
          </label>
          <button type="submit" disabled={run.isPending || number.trim() === ""}>
            {t("rules.dry.run")}
          </button>
        </form>
      )}
      <ErrorMessage error={run.error} />
      {result && (
        <div className="dry-result" role="status">
          <p>
            <strong>{result.matched ? t("rules.dry.matched") : t("rules.dry.notMatched")}</strong>
          </p>
          <ul>
            {result.conditions.map((c) => (
              <li key={c.path}>
                {c.path}: {c.field} {c.operator} {valueText(c.value)} ({valueText(c.actual)}) — {c.held ? t("rules.dry.held") : t("rules.dry.notHeld")}
              </li>
            ))}
          </ul>
          <ul>
            {result.actions.map((a, index) => (
              <li key={index}>
                {actionWords(a)} — {a.would_apply ? t("rules.dry.wouldApply") : t("rules.dry.wouldFail", { error: valueText(a.error) })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Simulation({ session, rule }: { session: Session; rule: () => Record<string, unknown> }) {
  const [last, setLast] = useState("50");
  const count = Math.min(200, Math.max(1, Number(last) || 50));
  const run = useMutation({
    mutationFn: () =>
      post("/automation-rules/simulate", {
        token: session.token,
        body: { rule: rule() as unknown as Schemas["AutomationRuleCommand"], rule_id: null, last: count },
      }),
  });
  const result = run.data;
  return (
    <section aria-labelledby="sim-title" className="simulation">
      <h2 id="sim-title">{t("rules.sim.title")}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          run.mutate();
        }}
      >
        <label className="field">
          <span>{t("rules.sim.last")}</span>
          <input name="last" type="number" min={1} max={200} value={last} onChange={(event) => setLast(event.target.value)} />
        </label>
        <button type="submit" disabled={run.isPending}>
          {t("rules.sim.run", { n: count })}
        </button>
      </form>
      <ErrorMessage error={run.error} />
      {result && (
        <>
          <p role="status">{t("rules.sim.summary", { matched: result.matched, tickets: result.tickets, events: result.events_checked })}</p>
          <table className="simulation-table">
            <thead>
              <tr>
                <th scope="col">{t("rules.sim.col.ticket")}</th>
                <th scope="col">{t("rules.sim.col.subject")}</th>
                <th scope="col">{t("rules.sim.col.events")}</th>
                <th scope="col">{t("rules.sim.col.matched")}</th>
                <th scope="col">{t("rules.sim.col.would")}</th>
                <th scope="col">{t("rules.sim.col.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item) => (
                <tr key={item.ticket_number}>
                  <td>{item.ticket_number}</td>
                  <td>{item.subject}</td>
                  <td>{item.events_checked}</td>
                  <td>{item.matched ? t("rules.yes") : t("rules.no")}</td>
                  <td>{item.would.map((a) => actionWords(a)).join("; ")}</td>
                  <td>{item.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The rules screen's page: a way back to the inbox, the title, the screen. */
export function RulesPage({ session }: RulesProps) {
  return (
    <main id="main" className="manage">
      <p>
        <a href="/app/" onClick={followLink}>
          {t("rules.back")}
        </a>
      </p>
      <h1>{t("rules.title")}</h1>
      <Rules session={session} />
    </main>
  );
}
