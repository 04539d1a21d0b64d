// Staff and customers sign in with organization, email and password; a second step asks for the
// authenticator code when the API answers 401 totp_required. The SSO button appears once the
// organization typed has single sign-on (`GET /portal/{org_slug}` -> `sso.enabled`, asked when the
// name has settled); the API still answers 404 sso_not_configured should that change meanwhile.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, post } from "../api/client";
import { ErrorMessage, Field, Page } from "../components";
import { t } from "../i18n";
import { startSession } from "../session";
import { callbackUrl, rememberOrganization } from "../agent/sso";
import { useDebounced } from "../portal/debounce";
import { usePortalInfo } from "../portal/info";

/** How long the organization field must stay unchanged before asking whether it has SSO. */
const SSO_LOOKUP_DELAY_MS = 400;
/** An organization's slug as the API accepts it (domain/identity.py SLUG): nothing else is asked. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

export function SignIn({ expired = false, onSignedIn }: { expired?: boolean; onSignedIn: () => void }) {
  const [organization, setOrganization] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const [totpAsked, setTotpAsked] = useState(false);
  const slug = useDebounced(organization.trim().toLowerCase(), SSO_LOOKUP_DELAY_MS);
  const portal = usePortalInfo(SLUG.test(slug) ? slug : "");
  const hasSso = portal.data?.sso.enabled === true;
  const login = useMutation({
    mutationFn: () =>
      post("/auth/login", {
        body: { organization, email, password, totp_code: totpAsked ? totp : null },
      }),
    onSuccess: (answer) => {
      rememberOrganization(organization);
      startSession(answer);
      onSignedIn();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === "totp_required") setTotpAsked(true);
    },
  });
  const sso = useMutation({
    mutationFn: () => post("/auth/sso/{org_slug}/start", { params: { org_slug: organization.trim().toLowerCase() }, body: { redirect_uri: callbackUrl() } }),
    onSuccess: (answer) => {
      // The callback page needs the organization again after the identity provider's redirect.
      rememberOrganization(organization);
      window.location.assign(answer.authorization_url);
    },
  });
  const startSso = () => {
    if (organization.trim() === "") {
      document.querySelector<HTMLInputElement>("input[name=organization]")?.focus();
      return;
    }
    sso.mutate();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  const asking = login.error instanceof ApiError && login.error.code === "totp_required";
  return (
    <Page title={t("signIn.title")}>
      {expired && <p className="notice">{t("signIn.expired")}</p>}
      <form onSubmit={submit}>
        <Field label={t("signIn.organization")} name="organization" value={organization} onChange={setOrganization} autoComplete="organization" />
        <Field label={t("signIn.email")} name="email" type="email" value={email} onChange={setEmail} autoComplete="username" inputMode="email" />
        <Field label={t("signIn.password")} name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
        {totpAsked && (
          <>
            <p className="notice">{t("signIn.totpAsked")}</p>
            <Field label={t("signIn.totp")} name="totp_code" value={totp} onChange={setTotp} autoComplete="one-time-code" inputMode="numeric" />
          </>
        )}
        {!asking && <ErrorMessage error={login.error} />}
        <button type="submit" disabled={login.isPending}>
          {t("signIn.submit")}
        </button>
      </form>
      {hasSso && (
        <section className="sso" aria-labelledby="sso-title">
          <h2 id="sso-title">{t("sso.title")}</h2>
          <p>{t("sso.intro")}</p>
          <ErrorMessage error={sso.error} />
          <button type="button" onClick={startSso} disabled={sso.isPending}>
            {t("sso.button")}
          </button>
        </section>
      )}
    </Page>
  );
}
