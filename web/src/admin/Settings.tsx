// Organization settings for admins: name, ticket prefix, time zone, business hours, portal and
// routing options, saved with If-Match (a 412 says someone else saved first; 422 details are shown
// at their fields); and the organization's support addresses with their verification state.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { ApiError, get, patch, post, type Schemas } from "../api/client";
import { ErrorMessage } from "../components";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import type { MessageKey } from "../i18n";
import type { Session } from "../session";
import { FieldErrors } from "../manage/Frame";
import { messagesAt } from "../manage/slaForm";

type Organization = Schemas["OrganizationOut"];
type Address = Schemas["SupportAddressOut"];
type Registration = Schemas["OrgSettings"]["customer_registration"];
type Visibility = Schemas["OrgSettings"]["unassigned_visibility"];
type Ccs = Schemas["OrgSettings"]["ticket_ccs_from_mail"];
type FieldType = Schemas["CustomFieldType"];
type CustomField = { name: string; type: FieldType; required: boolean; customerVisible: boolean; choices: string };

const CHANNELS = ["web", "portal", "api", "email", "webhook"] as const;
const FIELD_TYPES: FieldType[] = ["text", "number", "boolean", "choice", "date"];

const DAYS: MessageKey[] = [
  "admin.day.0",
  "admin.day.1",
  "admin.day.2",
  "admin.day.3",
  "admin.day.4",
  "admin.day.5",
  "admin.day.6",
];

type Form = {
  name: string;
  prefix: string;
  timezone: string;
  days: number[];
  start: string;
  end: string;
  registration: Registration;
  domains: string;
  visibility: Visibility;
  ccs: Ccs;
  channels: Record<string, string>;
  fields: CustomField[];
};

function formOf(org: Organization): Form {
  const s = org.settings;
  return {
    name: org.name,
    prefix: s.ticket_number_prefix,
    timezone: s.timezone,
    days: s.business_hours.days,
    start: s.business_hours.start,
    end: s.business_hours.end,
    registration: s.customer_registration,
    domains: s.registration_domains.join(", "),
    visibility: s.unassigned_visibility,
    ccs: s.ticket_ccs_from_mail,
    channels: { ...s.channel_departments },
    fields: s.custom_fields.map((f) => ({
      name: f.name,
      type: f.type,
      required: f.required,
      customerVisible: f.customer_visible,
      choices: f.choices.join(", "),
    })),
  };
}

function list(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

export function OrganizationSettings({ session }: { session: Session }) {
  return (
    <>
      <SettingsForm session={session} />
      <SupportAddresses session={session} />
    </>
  );
}

function SettingsForm({ session }: { session: Session }) {
  const client = useQueryClient();
  const org = useQuery({
    queryKey: ["organization"],
    queryFn: ({ signal }) => get("/organization", { token: session.token, signal }),
  });
  const departments = useQuery({
    queryKey: ["departments"],
    queryFn: ({ signal }) => get("/departments", { token: session.token, signal, query: { limit: 100 } }),
  });
  const [form, setForm] = useState<Form | null>(null);
  // The version the form was read at (If-Match); a newer read replaces an untouched form.
  const [version, setVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (org.data && (form === null || (!dirty && org.data.version !== version))) {
      setForm(formOf(org.data));
      setVersion(org.data.version);
    }
  }, [org.data, form, dirty, version]);
  const save = useMutation({
    mutationFn: (value: Form) =>
      patch("/organization", {
        token: session.token,
        ifMatch: version,
        body: {
          name: value.name,
          settings: {
            ticket_number_prefix: value.prefix,
            timezone: value.timezone,
            business_hours: { days: value.days, start: value.start, end: value.end },
            customer_registration: value.registration,
            registration_domains: list(value.domains),
            unassigned_visibility: value.visibility,
            ticket_ccs_from_mail: value.ccs,
            channel_departments: Object.fromEntries(Object.entries(value.channels).filter(([, id]) => id !== "")),
            custom_fields: value.fields.map((f) => ({
              name: f.name.trim(),
              type: f.type,
              required: f.required,
              customer_visible: f.customerVisible,
              choices: f.type === "choice" ? list(f.choices) : [],
            })),
          },
        },
      }),
    onSuccess: (updated) => {
      client.setQueryData(["organization"], updated);
      setForm(formOf(updated));
      setVersion(updated.version);
      setDirty(false);
      setSaved(true);
    },
  });
  if (org.error) return <ErrorMessage error={org.error} />;
  if (form === null) return <p role="status">{t("app.loading")}</p>;

  const details = save.error instanceof ApiError ? save.error.details : [];
  const at = (...fields: string[]) => messagesAt(details, ...fields, ...fields.map((f) => `settings.${f}`));
  const stale = save.error instanceof ApiError && save.error.status === 412;
  const set = (change: Partial<Form>) => {
    setSaved(false);
    setDirty(true);
    setForm({ ...form, ...change });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };
  const reload = async () => {
    save.reset();
    const fresh = await org.refetch();
    if (fresh.data) {
      setForm(formOf(fresh.data));
      setVersion(fresh.data.version);
      setDirty(false);
    }
  };

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t("admin.settings.general")}</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <TextField id="org-name" label={t("admin.settings.name")} value={form.name} onChange={(name) => set({ name })} errors={at("name")} />
        <TextField
          id="org-prefix"
          label={t("admin.settings.prefix")}
          value={form.prefix}
          onChange={(prefix) => set({ prefix })}
          errors={at("ticket_number_prefix")}
        />
        <TextField
          id="org-timezone"
          label={t("admin.settings.timezone")}
          value={form.timezone}
          onChange={(timezone) => set({ timezone })}
          errors={at("timezone")}
        />
        <fieldset>
          <legend>{t("admin.settings.hours")}</legend>
          {DAYS.map((label, day) => (
            <label key={day} className="check">
              <input
                type="checkbox"
                checked={form.days.includes(day)}
                onChange={(event) =>
                  set({ days: event.target.checked ? [...form.days, day].sort() : form.days.filter((d) => d !== day) })
                }
              />
              {t(label)}
            </label>
          ))}
          <TextField id="hours-start" label={t("admin.settings.start")} value={form.start} onChange={(start) => set({ start })} errors={[]} />
          <TextField id="hours-end" label={t("admin.settings.end")} value={form.end} onChange={(end) => set({ end })} errors={at("business_hours")} />
        </fieldset>
        <label className="field">
          <span>{t("admin.settings.registration")}</span>
          <select aria-label={t("admin.settings.registration")} value={form.registration} onChange={(event) => set({ registration: event.target.value as Registration })}>
            <option value="off">{t("admin.settings.registration.off")}</option>
            <option value="open">{t("admin.settings.registration.open")}</option>
            <option value="domains">{t("admin.settings.registration.domains")}</option>
          </select>
        </label>
        <TextField
          id="org-domains"
          label={t("admin.settings.domains")}
          value={form.domains}
          onChange={(domains) => set({ domains })}
          errors={at("registration_domains", "customer_registration")}
        />
        <label className="field">
          <span>{t("admin.settings.visibility")}</span>
          <select aria-label={t("admin.settings.visibility")} value={form.visibility} onChange={(event) => set({ visibility: event.target.value as Visibility })}>
            <option value="all">{t("admin.settings.visibility.all")}</option>
            <option value="own_departments">{t("admin.settings.visibility.own")}</option>
          </select>
        </label>
        <label className="field">
          <span>{t("admin.settings.ccs")}</span>
          <select aria-label={t("admin.settings.ccs")} value={form.ccs} onChange={(event) => set({ ccs: event.target.value as Ccs })}>
            <option value="add">{t("admin.settings.ccs.add")}</option>
            <option value="off">{t("admin.settings.ccs.off")}</option>
          </select>
        </label>
        <fieldset>
          <legend>{t("admin.settings.channels")}</legend>
          {CHANNELS.map((channel) => (
            <label key={channel} className="field">
              <span>{t(`admin.channel.${channel}`)}</span>
              <select
                aria-label={t(`admin.channel.${channel}`)}
                value={form.channels[channel] ?? ""}
                onChange={(event) => set({ channels: { ...form.channels, [channel]: event.target.value } })}
              >
                <option value="">{t("admin.addresses.noDepartment")}</option>
                {(departments.data?.items ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <FieldErrors id="channels-errors" messages={at("channel_departments")} />
        </fieldset>
        <fieldset>
          <legend>{t("admin.settings.customFields")}</legend>
          {form.fields.map((field, index) => {
            const change = (patch: Partial<CustomField>) =>
              set({ fields: form.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) });
            const n = index + 1;
            return (
              <div key={index} className="inline-left">
                <TextField id={`cf-name-${index}`} label={t("admin.cf.name", { n })} value={field.name} onChange={(name) => change({ name })} errors={at(`custom_fields.${index}`)} />
                <label className="field">
                  <span>{t("admin.cf.type", { n })}</span>
                  <select aria-label={t("admin.cf.type", { n })} value={field.type} onChange={(event) => change({ type: event.target.value as FieldType })}>
                    {FIELD_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`admin.cf.type.${type}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {field.type === "choice" && (
                  <TextField id={`cf-choices-${index}`} label={t("admin.cf.choices", { n })} value={field.choices} onChange={(choices) => change({ choices })} errors={[]} />
                )}
                <label className="check">
                  <input type="checkbox" checked={field.required} onChange={(event) => change({ required: event.target.checked })} />
                  {t("admin.cf.required", { n })}
                </label>
                <label className="check">
                  <input type="checkbox" checked={field.customerVisible} onChange={(event) => change({ customerVisible: event.target.checked })} />
                  {t("admin.cf.visible", { n })}
                </label>
                <button type="button" onClick={() => set({ fields: form.fields.filter((_, i) => i !== index) })}>
                  {t("admin.cf.remove", { n })}
                </button>
              </div>
            );
          })}
          <FieldErrors id="custom-fields-errors" messages={details.length > 0 ? messagesAt(details, "settings.custom_fields", "custom_fields").filter((m) => !/custom_fields\.\d/.test(m)) : []} />
          <button
            type="button"
            onClick={() => set({ fields: [...form.fields, { name: "", type: "text", required: false, customerVisible: false, choices: "" }] })}
          >
            {t("admin.cf.add")}
          </button>
        </fieldset>
        {stale ? (
          <div role="alert" className="error">
            <p>{t("admin.settings.stale")}</p>
            <button type="button" onClick={() => void reload()}>
              {t("admin.settings.reload")}
            </button>
          </div>
        ) : (
          details.length === 0 && <ErrorMessage error={save.error} />
        )}
        {saved && <p role="status">{t("admin.settings.saved")}</p>}
        <button type="submit" disabled={save.isPending}>
          {t("admin.settings.save")}
        </button>
      </form>
    </section>
  );
}

type TextFieldProps = { id: string; label: string; value: string; onChange: (value: string) => void; errors: string[] };

/** A labelled text input with the API's messages for it underneath. */
export function TextField({ id, label, value, onChange, errors }: TextFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length > 0 ? `${id}-errors` : undefined}
      />
      <FieldErrors id={`${id}-errors`} messages={errors} />
    </label>
  );
}

function SupportAddresses({ session }: { session: Session }) {
  const client = useQueryClient();
  const addresses = useQuery({
    queryKey: ["support-addresses"],
    queryFn: ({ signal }) => get("/organization/support-addresses", { token: session.token, signal, query: { limit: 100 } }),
  });
  const departments = useQuery({
    queryKey: ["departments"],
    queryFn: ({ signal }) => get("/departments", { token: session.token, signal, query: { limit: 100 } }),
  });
  const [address, setAddress] = useState("");
  const [department, setDepartment] = useState("");
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ["support-addresses"] }),
      client.invalidateQueries({ queryKey: ["organization"] }),
    ]);
  const add = useMutation({
    mutationFn: () =>
      post("/organization/support-addresses", {
        token: session.token,
        idempotencyKey: crypto.randomUUID(),
        body: { address, department_id: department || null },
      }),
    onSuccess: () => {
      setAddress("");
      void refresh();
    },
  });
  const details = add.error instanceof ApiError ? add.error.details : [];
  return (
    <section aria-labelledby="addresses-heading">
      <h2 id="addresses-heading">{t("admin.addresses.title")}</h2>
      <ErrorMessage error={addresses.error} />
      <table>
        <caption className="visually-hidden">{t("admin.addresses.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.addresses.address")}</th>
            <th scope="col">{t("admin.addresses.state")}</th>
            <th scope="col">{t("admin.addresses.department")}</th>
            <th scope="col">{t("admin.addresses.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {(addresses.data?.items ?? []).map((item) => (
            <AddressRow
              key={item.id}
              session={session}
              item={item}
              departments={departments.data?.items ?? []}
              onChanged={() => void refresh()}
            />
          ))}
        </tbody>
      </table>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <h3>{t("admin.addresses.add")}</h3>
        <TextField id="new-address" label={t("admin.addresses.address")} value={address} onChange={setAddress} errors={messagesAt(details, "address")} />
        <label className="field">
          <span>{t("admin.addresses.department")}</span>
          <select aria-label={t("admin.addresses.department")} value={department} onChange={(event) => setDepartment(event.target.value)}>
            <option value="">{t("admin.addresses.noDepartment")}</option>
            {(departments.data?.items ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        {details.length === 0 && <ErrorMessage error={add.error} />}
        <button type="submit" disabled={add.isPending}>
          {t("admin.addresses.submit")}
        </button>
      </form>
    </section>
  );
}

type RowProps = { session: Session; item: Address; departments: Schemas["DepartmentOut"][]; onChanged: () => void };

function AddressRow({ session, item, departments, onChanged }: RowProps) {
  const [code, setCode] = useState("");
  const [resent, setResent] = useState(false);
  const params = { address_id: item.id };
  const verify = useMutation({
    mutationFn: () => post("/organization/support-addresses/{address_id}/verify", { token: session.token, params, body: { code: code.trim() } }),
    onSuccess: onChanged,
  });
  const resend = useMutation({
    mutationFn: () => post("/organization/support-addresses/{address_id}/resend", { token: session.token, params }),
    onSuccess: () => {
      setResent(true);
      onChanged();
    },
  });
  const route = useMutation({
    mutationFn: (departmentId: string) =>
      patch("/organization/support-addresses/{address_id}", { token: session.token, params, body: { department_id: departmentId || null } }),
    onSuccess: onChanged,
  });
  const state =
    item.state === "verified"
      ? t("admin.addresses.verified", { when: item.verified_at ? formatDateTime(item.verified_at) : "" })
      : t("admin.addresses.pending");
  return (
    <tr>
      <td>{item.address}</td>
      <td>{state}</td>
      <td>
        <select
          aria-label={t("admin.addresses.departmentOf", { address: item.address })}
          value={item.department_id ?? ""}
          onChange={(event) => route.mutate(event.target.value)}
        >
          <option value="">{t("admin.addresses.noDepartment")}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <ErrorMessage error={route.error} />
      </td>
      <td>
        {item.state === "pending" && (
          <form
            className="inline-left"
            onSubmit={(event) => {
              event.preventDefault();
              verify.mutate();
            }}
          >
            <label className="field">
              <span>{t("admin.addresses.code", { address: item.address })}</span>
              <input value={code} onChange={(event) => setCode(event.target.value)} autoComplete="one-time-code" />
            </label>
            <button type="submit" disabled={verify.isPending || code.trim() === ""}>
              {t("admin.addresses.verify")}
            </button>
            <button type="button" onClick={() => resend.mutate()} disabled={resend.isPending}>
              {t("admin.addresses.resend")}
            </button>
            {resent && <span role="status">{t("admin.addresses.resent")}</span>}
            <ErrorMessage error={verify.error ?? resend.error} />
          </form>
        )}
      </td>
    </tr>
  );
}
