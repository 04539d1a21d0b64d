// "New request": subject, description and the custom fields the organization shows customers.
// As the subject is typed, matching articles are suggested (debounced); when one answers the
// question the customer says so, it is counted as a deflection and no ticket is opened.
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { get, post } from "../api/client";
import { ErrorMessage, Field } from "../components";
import { t } from "../i18n";
import { navigate } from "../router";
import type { Session } from "../session";
import { searchTerms, useDebounced } from "./debounce";
import { type CustomField, fieldLabel, type PortalInfo } from "./info";
import { portalPath } from "./paths";
import { Link, newIdempotencyKey, PortalPage } from "./ui";

export const SUGGEST_DELAY_MS = 400;

type Props = { slug: string; site: string; session: Session; info: PortalInfo | undefined };
type Values = Record<string, string | boolean>;

/** The value the API takes for one custom field ("" when left empty: not sent). */
export function fieldValue(field: CustomField, raw: string | boolean | undefined): string | number | boolean | null {
  if (field.type === "boolean") return raw === true;
  if (raw === undefined || raw === "" || raw === false || raw === true) return null;
  return field.type === "number" ? Number(raw) : raw;
}

function CustomFieldInput({ field, value, onChange }: { field: CustomField; value: string | boolean | undefined; onChange: (value: string | boolean) => void }) {
  const name = `custom_${field.name}`;
  if (field.type === "boolean") {
    return (
      <label className="checkbox">
        <input type="checkbox" name={name} checked={value === true} onChange={(event) => onChange(event.target.checked)} />
        {fieldLabel(field)}
      </label>
    );
  }
  if (field.type === "choice") {
    return (
      <label className="field">
        <span>{fieldLabel(field)}</span>
        <select name={name} value={typeof value === "string" ? value : ""} required={field.required} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t("portal.newRequest.choose")}</option>
          {field.choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const type = field.type === "number" ? "number" : field.type === "date" ? "date" : "text";
  return (
    <label className="field">
      <span>{fieldLabel(field)}</span>
      <input name={name} type={type} value={typeof value === "string" ? value : ""} required={field.required} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}

/** Articles that may answer the subject, while it is typed; "this answered my question" counts a deflection. */
export function Suggestions({ slug, token, subject, onDeflected }: { slug: string; token: string; subject: string; onDeflected: () => void }) {
  const q = searchTerms(useDebounced(subject, SUGGEST_DELAY_MS));
  const suggestions = useQuery({
    queryKey: ["portal", slug, "suggestions", q],
    queryFn: ({ signal }) => get("/kb/suggestions", { token, query: { q }, signal }),
    enabled: q !== "",
    staleTime: 30_000,
  });
  const deflect = useMutation({
    mutationFn: (articleId: string) => post("/kb/articles/{article_id}/deflection", { token, params: { article_id: articleId }, body: { query: q } }),
    onSuccess: onDeflected,
  });
  const items = suggestions.data?.items ?? [];
  if (q === "" || items.length === 0) return null;
  return (
    <section className="portal-suggestions" aria-labelledby="portal-suggestions-title" aria-live="polite">
      <h2 id="portal-suggestions-title">{t("portal.newRequest.suggestions")}</h2>
      <ul className="portal-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={portalPath(slug, "articles", item.id)}>{item.title}</Link>{" "}
            <button type="button" onClick={() => deflect.mutate(item.id)} disabled={deflect.isPending}>
              {t("portal.newRequest.answered")}
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage error={deflect.error} />
    </section>
  );
}

export function NewRequest({ slug, site, session, info }: Props) {
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [values, setValues] = useState<Values>({});
  const [deflected, setDeflected] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const fields = info?.custom_fields ?? [];
  const create = useMutation({
    mutationFn: () => {
      const custom: Record<string, string | number | boolean> = {};
      for (const field of fields) {
        const value = fieldValue(field, values[field.name]);
        if (value !== null) custom[field.name] = value;
      }
      return post("/tickets", {
        token: session.token,
        idempotencyKey,
        body: { subject, description, channel: "web", custom_fields: custom },
      });
    },
    onSuccess: (ticket) => navigate(portalPath(slug, "requests", ticket.ticket_number)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const restart = () => {
    setSubject("");
    setDescription("");
    setValues({});
    setDeflected(false);
  };
  if (deflected) {
    return (
      <PortalPage title={t("portal.newRequest.title")} site={site}>
        <p role="status">{t("portal.newRequest.deflected")}</p>
        <p className="choices">
          <Link to={portalPath(slug)}>{t("portal.backToHelpCentre")}</Link>
          <button type="button" onClick={restart}>
            {t("portal.newRequest.another")}
          </button>
        </p>
      </PortalPage>
    );
  }
  return (
    <PortalPage title={t("portal.newRequest.title")} site={site}>
      <form onSubmit={submit} className="portal-new-request">
        <Field label={t("portal.newRequest.subject")} name="subject" value={subject} onChange={setSubject} />
        <Suggestions slug={slug} token={session.token} subject={subject} onDeflected={() => setDeflected(true)} />
        <label className="field">
          <span>{t("portal.newRequest.description")}</span>
          <textarea name="description" value={description} onChange={(event) => setDescription(event.target.value)} rows={8} required />
        </label>
        {fields.map((field) => (
          <CustomFieldInput key={field.name} field={field} value={values[field.name]} onChange={(value) => setValues((old) => ({ ...old, [field.name]: value }))} />
        ))}
        <ErrorMessage error={create.error} />
        <button type="submit" disabled={create.isPending}>
          {t("portal.newRequest.submit")}
        </button>
      </form>
    </PortalPage>
  );
}
