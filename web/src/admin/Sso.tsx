// Single sign-on (OIDC) settings: one form over the whole configuration (PUT with If-Match); the
// client secret is write-only (left empty: the stored one stays).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, get, put, type Schemas } from "../api/client";
import { ErrorMessage, Field } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";

type Config = Schemas["SsoConfigOut"];
type StaffRole = "agent" | "manager" | "admin";

/** "claim value = role" lines as the API's mapping (blank lines skipped; an unknown role is kept for the API to refuse). */
export function mappingOf(text: string): Record<string, StaffRole> {
  const mapping: Record<string, StaffRole> = {};
  for (const line of text.split("\n")) {
    const at = line.lastIndexOf("=");
    if (at <= 0) continue;
    mapping[line.slice(0, at).trim()] = line.slice(at + 1).trim() as StaffRole;
  }
  return mapping;
}

/** The mapping as the form's lines. */
export function linesOf(mapping: Record<string, string>): string {
  return Object.entries(mapping)
    .map(([claim, role]) => `${claim} = ${role}`)
    .join("\n");
}

export function SsoSettings({ session }: { session: Session }) {
  const config = useQuery({
    queryKey: ["sso-config"],
    queryFn: async ({ signal }) => {
      try {
        return await get("/organization/sso", { token: session.token, signal });
      } catch (error) {
        // Not configured yet: the form starts empty.
        if (error instanceof ApiError && error.code === "sso_not_configured") return null;
        throw error;
      }
    },
  });
  if (config.isPending) return <p>{t("app.loading")}</p>;
  if (config.error) return <ErrorMessage error={config.error} />;
  return <SsoForm key={config.data?.version ?? 0} session={session} config={config.data ?? null} />;
}

function SsoForm({ session, config }: { session: Session; config: Config | null }) {
  const client = useQueryClient();
  const [issuer, setIssuer] = useState(config?.issuer ?? "");
  const [clientId, setClientId] = useState(config?.client_id ?? "");
  const [secret, setSecret] = useState("");
  const [domains, setDomains] = useState((config?.allowed_email_domains ?? []).join(", "));
  const [claim, setClaim] = useState(config?.role_claim ?? "");
  const [mapping, setMapping] = useState(linesOf(config?.role_mapping ?? {}));
  const [defaultRole, setDefaultRole] = useState<string>(config ? (config.default_role ?? "") : "agent");
  const [jit, setJit] = useState(config?.jit_provisioning ?? true);
  const [ssoOnly, setSsoOnly] = useState(config?.sso_only ?? false);
  const [enabled, setEnabled] = useState(config?.enabled ?? true);
  const save = useMutation({
    mutationFn: () =>
      put("/organization/sso", {
        token: session.token,
        ifMatch: config?.version ?? 0,
        body: {
          issuer,
          client_id: clientId,
          ...(secret ? { client_secret: secret } : {}),
          redirect_uris: config?.redirect_uris ?? [],
          allowed_email_domains: domains.split(",").map((d) => d.trim()).filter((d) => d !== ""),
          role_claim: claim.trim() || null,
          role_mapping: mappingOf(mapping),
          default_role: defaultRole === "" ? null : (defaultRole as "agent" | "manager"),
          jit_provisioning: jit,
          sso_only: ssoOnly,
          enabled,
        },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["sso-config"] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form aria-label={t("ops.nav.sso")} onSubmit={submit} className="panel">
      <Field label={t("ops.sso.issuer")} name="issuer" type="url" value={issuer} onChange={setIssuer} />
      <Field label={t("ops.sso.clientId")} name="client_id" value={clientId} onChange={setClientId} />
      <Field
        label={config?.client_secret_set ? t("ops.sso.secretKept") : t("ops.sso.secret")}
        name="client_secret"
        type="password"
        autoComplete="off"
        value={secret}
        onChange={setSecret}
        required={!config?.client_secret_set}
      />
      <Field label={t("ops.sso.domains")} name="domains" value={domains} onChange={setDomains} />
      <Field label={t("ops.sso.claim")} name="role_claim" value={claim} onChange={setClaim} required={false} />
      <label className="field">
        <span>{t("ops.sso.mapping")}</span>
        <textarea rows={3} value={mapping} onChange={(event) => setMapping(event.target.value)} />
      </label>
      <label className="field">
        <span>{t("ops.sso.defaultRole")}</span>
        <select value={defaultRole} onChange={(event) => setDefaultRole(event.target.value)}>
          <option value="agent">{t("ops.role.agent")}</option>
          <option value="manager">{t("ops.role.manager")}</option>
          <option value="">{t("ops.sso.refuse")}</option>
        </select>
      </label>
      <label className="check block">
        <input type="checkbox" checked={jit} onChange={(event) => setJit(event.target.checked)} />
        {t("ops.sso.jit")}
      </label>
      <label className="check block">
        <input type="checkbox" checked={ssoOnly} onChange={(event) => setSsoOnly(event.target.checked)} />
        {t("ops.sso.only")}
      </label>
      <label className="check block">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        {t("ops.sso.enabled")}
      </label>
      <ErrorMessage error={save.error} />
      {save.isSuccess && <p role="status">{t("ops.retention.saved")}</p>}
      <button type="submit" disabled={save.isPending}>
        {t("ops.sso.save")}
      </button>
    </form>
  );
}
