// The organization's shared macros and views, for managers and admins: list, create, edit (name,
// description, position; a macro's actions with a small editor), delete. Personal ones stay in
// the workspace's own menus.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, del, get, patch, post, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";
import { ViewForm } from "../agent/Views";
import { FieldErrors } from "./Frame";
import { messagesAt } from "./slaForm";

type Macro = Schemas["MacroOut"];
type View = Schemas["ViewOut"];
type MacroBody = NonNullable<Schemas["MacroCommand"]["actions"]>[number];

/** The action kinds the small editor offers, each with one value. */
const KINDS = ["reply_to_requester", "add_internal_note", "set_status", "set_priority", "add_tags", "remove_tags"] as const;
type Kind = (typeof KINDS)[number];
type ActionRow = { kind: Kind; value: string; raw?: Record<string, unknown> };
const STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
const PRIORITY_VALUES = ["urgent", "high", "normal", "low"] as const;

/** An action as the editor shows it (others are kept unchanged and shown by their type). */
export function rowOf(action: Record<string, unknown>): ActionRow {
  switch (action.type) {
    case "reply_to_requester":
      return { kind: "reply_to_requester", value: String(action.template ?? "") };
    case "add_internal_note":
      return { kind: "add_internal_note", value: String(action.content ?? "") };
    case "set_status":
      return { kind: "set_status", value: String(action.status ?? "") };
    case "set_priority":
      return { kind: "set_priority", value: String(action.priority ?? "") };
    case "add_tags":
    case "remove_tags":
      return { kind: action.type, value: ((action.tags as string[] | undefined) ?? []).join(", ") };
    default:
      return { kind: "add_internal_note", value: "", raw: action };
  }
}

/** The API's action for a row. */
export function actionOf(row: ActionRow): MacroBody {
  if (row.raw) return row.raw as MacroBody;
  const tags = row.value.split(",").map((tag) => tag.trim()).filter((tag) => tag !== "");
  switch (row.kind) {
    case "reply_to_requester":
      return { type: "reply_to_requester", template: row.value };
    case "add_internal_note":
      return { type: "add_internal_note", content: row.value };
    case "set_status":
      return { type: "set_status", status: row.value as (typeof STATUSES)[number] };
    case "set_priority":
      return { type: "set_priority", priority: row.value as (typeof PRIORITY_VALUES)[number] };
    case "add_tags":
      return { type: "add_tags", tags };
    case "remove_tags":
      return { type: "remove_tags", tags };
  }
}

function defaultValue(kind: Kind): string {
  return kind === "set_status" ? "pending" : kind === "set_priority" ? "high" : "";
}

export function SharedMacros({ session }: { session: Session }) {
  const [editing, setEditing] = useState<Macro | "new" | null>(null);
  const client = useQueryClient();
  const macros = useQuery({ queryKey: ["macros"], queryFn: ({ signal }) => get("/macros", { token: session.token, signal }) });
  const remove = useMutation({
    mutationFn: (id: string) => del("/macros/{macro_id}", { token: session.token, params: { macro_id: id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["macros"] }),
  });
  const shared = (macros.data?.items ?? []).filter((macro) => macro.scope === "organization");
  if (editing !== null) {
    return <MacroForm session={session} macro={editing === "new" ? null : editing} onDone={() => setEditing(null)} />;
  }
  return (
    <section aria-labelledby="macros-list">
      <div className="list-head">
        <h2 id="macros-list">{t("manage.macros.shared")}</h2>
        <button type="button" className="push" onClick={() => setEditing("new")}>
          {t("manage.macros.new")}
        </button>
      </div>
      <ErrorMessage error={macros.error ?? remove.error} />
      {macros.isPending ? (
        <p>{t("app.loading")}</p>
      ) : shared.length === 0 ? (
        <p>{t("manage.macros.none")}</p>
      ) : (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t("manage.name")}</th>
              <th scope="col">{t("manage.description")}</th>
              <th scope="col">{t("manage.position")}</th>
              <th scope="col">{t("manage.macros.used")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("manage.actionsColumn")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shared.map((macro) => (
              <tr key={macro.id}>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(macro)}>
                    {macro.name}
                  </button>
                </td>
                <td>{macro.description}</td>
                <td>{macro.position}</td>
                <td>{macro.usage_count}</td>
                <td>
                  <button type="button" onClick={() => remove.mutate(macro.id)} disabled={remove.isPending}>
                    {t("manage.deleteNamed", { name: macro.name })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MacroForm({ session, macro, onDone }: { session: Session; macro: Macro | null; onDone: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(macro?.name ?? "");
  const [description, setDescription] = useState(macro?.description ?? "");
  const [position, setPosition] = useState(String(macro?.position ?? 0));
  const [rows, setRows] = useState<ActionRow[]>(() =>
    macro ? macro.actions.map(rowOf) : [{ kind: "reply_to_requester", value: "" }],
  );
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), description, position: Number(position), actions: rows.map(actionOf) };
      return macro === null
        ? post("/macros", { token: session.token, body: { ...body, scope: "organization" }, idempotencyKey })
        : patch("/macros/{macro_id}", { token: session.token, params: { macro_id: macro.id }, body, ifMatch: macro.version });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["macros"] });
      onDone();
    },
  });
  const details = save.error instanceof ApiError && save.error.status === 422 ? save.error.details : [];
  const change = (index: number, next: Partial<ActionRow>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...next, raw: undefined } : row)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="view-form" onSubmit={submit} aria-labelledby="macro-form">
      <h2 id="macro-form">{macro === null ? t("manage.macros.new") : t("manage.macros.edit", { name: macro.name })}</h2>
      <label className="field">
        <span>{t("manage.name")}</span>
        <input name="name" value={name} required maxLength={200} onChange={(event) => setName(event.target.value)} />
      </label>
      <FieldErrors id="macro-err-name" messages={messagesAt(details, "name")} />
      <label className="field">
        <span>{t("manage.description")}</span>
        <textarea name="description" value={description} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <label className="field">
        <span>{t("manage.position")}</span>
        <input name="position" type="number" min={0} value={position} onChange={(event) => setPosition(event.target.value)} />
      </label>
      <FieldErrors id="macro-err-position" messages={messagesAt(details, "position", "description")} />
      <fieldset>
        <legend>{t("manage.macros.actions")}</legend>
        <ol className="steps">
          {rows.map((row, index) => {
            const n = index + 1;
            return (
              <li key={index}>
                {row.raw ? (
                  <span>{t("manage.macros.kept", { type: String(row.raw.type) })}</span>
                ) : (
                  <span className="step">
                    <select
                      aria-label={t("manage.macros.actionType", { n })}
                      value={row.kind}
                      onChange={(event) => change(index, { kind: event.target.value as Kind, value: defaultValue(event.target.value as Kind) })}
                    >
                      {KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`manage.kind.${kind}`)}
                        </option>
                      ))}
                    </select>
                    {row.kind === "set_status" || row.kind === "set_priority" ? (
                      <select aria-label={t("manage.macros.actionValue", { n })} value={row.value} onChange={(event) => change(index, { value: event.target.value })}>
                        {(row.kind === "set_status" ? STATUSES : PRIORITY_VALUES).map((value) => (
                          <option key={value} value={value}>
                            {t(row.kind === "set_status" ? `status.${value as (typeof STATUSES)[number]}` : `priority.${value as (typeof PRIORITY_VALUES)[number]}`)}
                          </option>
                        ))}
                      </select>
                    ) : row.kind === "add_tags" || row.kind === "remove_tags" ? (
                      <input aria-label={t("manage.macros.actionValue", { n })} value={row.value} onChange={(event) => change(index, { value: event.target.value })} />
                    ) : (
                      <textarea aria-label={t("manage.macros.actionValue", { n })} value={row.value} onChange={(event) => change(index, { value: event.target.value })} />
                    )}
                  </span>
                )}{" "}
                <button type="button" className="link" onClick={() => setRows(rows.filter((_r, i) => i !== index))} disabled={rows.length === 1}>
                  {t("manage.macros.removeAction", { n })}
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => setRows([...rows, { kind: "add_tags", value: "" }])} disabled={rows.length >= 20}>
          {t("manage.macros.addAction")}
        </button>
      </fieldset>
      <p className="hint">{t("manage.macros.placeholders")}</p>
      <FieldErrors id="macro-err-actions" messages={messagesAt(details, "actions")} />
      {save.error instanceof ApiError && save.error.status === 412 ? (
        <p role="alert" className="error">
          {t("slaEdit.conflict")}
        </p>
      ) : (
        <ErrorMessage error={save.error} />
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending || name.trim() === ""}>
          {t("slaEdit.save")}
        </button>
        <button type="button" onClick={onDone}>
          {t("slaEdit.cancel")}
        </button>
      </div>
    </form>
  );
}

export function SharedViews({ session }: { session: Session }) {
  const [editing, setEditing] = useState<View | "new" | null>(null);
  const client = useQueryClient();
  const views = useQuery({ queryKey: ["views"], queryFn: ({ signal }) => get("/views", { token: session.token, signal }) });
  const remove = useMutation({
    mutationFn: (id: string) => del("/views/{view_id}", { token: session.token, params: { view_id: id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["views"] }),
  });
  const shared = (views.data?.items ?? []).filter((view) => view.scope === "organization" || view.scope === "department");
  if (editing === "new") return <ViewForm session={session} onSaved={() => setEditing(null)} onCancel={() => setEditing(null)} />;
  if (editing !== null) return <ViewEdit session={session} view={editing} onDone={() => setEditing(null)} />;
  return (
    <section aria-labelledby="views-list">
      <div className="list-head">
        <h2 id="views-list">{t("manage.views.shared")}</h2>
        <button type="button" className="push" onClick={() => setEditing("new")}>
          {t("manage.views.new")}
        </button>
      </div>
      <p className="hint">{t("manage.views.newHint")}</p>
      <ErrorMessage error={views.error ?? remove.error} />
      {views.isPending ? (
        <p>{t("app.loading")}</p>
      ) : shared.length === 0 ? (
        <p>{t("manage.views.none")}</p>
      ) : (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t("manage.name")}</th>
              <th scope="col">{t("manage.views.scope")}</th>
              <th scope="col">{t("manage.position")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("manage.actionsColumn")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shared.map((view) => (
              <tr key={view.id}>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(view)}>
                    {view.name}
                  </button>
                </td>
                <td>{t(`views.scope.${view.scope as "organization" | "department"}`)}</td>
                <td>{view.position}</td>
                <td>
                  <button type="button" onClick={() => remove.mutate(view.id)} disabled={remove.isPending}>
                    {t("manage.deleteNamed", { name: view.name })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ViewEdit({ session, view, onDone }: { session: Session; view: View; onDone: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(view.name);
  const [position, setPosition] = useState(String(view.position));
  const save = useMutation({
    mutationFn: () =>
      patch("/views/{view_id}", {
        token: session.token,
        params: { view_id: view.id },
        body: { name: name.trim(), position: Number(position) },
        ifMatch: view.version,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["views"] });
      onDone();
    },
  });
  const details = save.error instanceof ApiError && save.error.status === 422 ? save.error.details : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="view-form" onSubmit={submit} aria-labelledby="view-edit">
      <h2 id="view-edit">{t("manage.views.edit", { name: view.name })}</h2>
      <label className="field">
        <span>{t("manage.name")}</span>
        <input name="name" value={name} required maxLength={80} onChange={(event) => setName(event.target.value)} />
      </label>
      <FieldErrors id="view-err-name" messages={messagesAt(details, "name")} />
      <label className="field">
        <span>{t("manage.position")}</span>
        <input name="position" type="number" min={0} value={position} onChange={(event) => setPosition(event.target.value)} />
      </label>
      <FieldErrors id="view-err-position" messages={messagesAt(details, "position")} />
      {save.error instanceof ApiError && save.error.status === 412 ? (
        <p role="alert" className="error">
          {t("slaEdit.conflict")}
        </p>
      ) : (
        <ErrorMessage error={save.error} />
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending || name.trim() === ""}>
          {t("slaEdit.save")}
        </button>
        <button type="button" onClick={onDone}>
          {t("slaEdit.cancel")}
        </button>
      </div>
    </form>
  );
}
