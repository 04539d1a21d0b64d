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
        {org.data && org.data.settings.custom_fields.length > 0 && (
          <p>{t("admin.settings.customFields", { names: org.data.settings.custom_fields.map((f) => f.name).join(", ") })}</p>
        )}
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
