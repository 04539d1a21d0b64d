// Signing in to a portal: a link and a 6-digit code by mail (no password needed), or the password;
// registration where the organization allows it. The organization is the portal's: never asked.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, post } from "../api/client";
import { ErrorMessage, Field } from "../components";
import { t } from "../i18n";
import { navigate } from "../router";
import { startSession, takeReturnTo } from "../session";
import type { PortalInfo } from "./info";
import { portalPath } from "./paths";
import { Link, PortalPage } from "./ui";

type Props = { slug: string; site: string; info: PortalInfo | undefined };
type LoginOut = Parameters<typeof startSession>[0];

/** After signing in on this portal: back to the portal page that asked for it, else "my requests". */
function signedIn(slug: string, answer: LoginOut): void {
  startSession(answer);
  const back = takeReturnTo();
  const mine = portalPath(slug);
  navigate(back !== null && back.startsWith(mine) ? back : portalPath(slug, "requests"), true);
}

function ByMail({ slug }: { slug: string }) {
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const ask = useMutation({
    mutationFn: () => post("/portal/{org_slug}/sign-in", { params: { org_slug: slug }, body: { email } }),
  });
  const byCode = useMutation({
    mutationFn: () => post("/auth/sign-in/code", { body: { organization: slug, email, code } }),
    onSuccess: (answer) => signedIn(slug, answer),
  });
  const submitEmail = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate();
  };
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    byCode.mutate();
  };
  return (
    <section aria-labelledby="portal-by-mail">
      <h2 id="portal-by-mail">{t("portal.signIn.byMail")}</h2>
      {!ask.isSuccess ? (
        <form onSubmit={submitEmail}>
          <p>{t("portal.signIn.byMailIntro")}</p>
          <Field label={t("signIn.email")} name="email" type="email" value={email} onChange={setEmail} autoComplete="email" inputMode="email" />
          <ErrorMessage error={ask.error} />
          <button type="submit" disabled={ask.isPending}>
            {t("portal.signIn.sendLink")}
          </button>
        </form>
      ) : (
        <form onSubmit={submitCode}>
          <p role="status">{t("portal.signIn.sent", { email })}</p>
          <Field label={t("linkSignIn.code")} name="code" value={code} onChange={setCode} autoComplete="one-time-code" inputMode="numeric" />
          <ErrorMessage error={byCode.error} />
          <p className="choices">
            <button type="submit" disabled={byCode.isPending}>
              {t("linkSignIn.submit")}
            </button>
            <button type="button" onClick={() => ask.reset()}>
              {t("portal.signIn.otherAddress")}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

function ByPassword({ slug }: { slug: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const [totpAsked, setTotpAsked] = useState(false);
  const login = useMutation({
    mutationFn: () =>
      post("/auth/login", { body: { organization: slug, email, password, totp_code: totpAsked ? totp : null } }),
    onSuccess: (answer) => signedIn(slug, answer),
    onError: (error) => {
      if (error instanceof ApiError && error.code === "totp_required") setTotpAsked(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  const asking = login.error instanceof ApiError && login.error.code === "totp_required";
  return (
    <section aria-labelledby="portal-by-password">
      <h2 id="portal-by-password">{t("portal.signIn.byPassword")}</h2>
      <form onSubmit={submit}>
        <Field label={t("signIn.email")} name="email" type="email" value={email} onChange={setEmail} autoComplete="username" inputMode="email" />
        <Field label={t("signIn.password")} name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
        {totpAsked && (
          <Field label={t("signIn.totp")} name="totp_code" value={totp} onChange={setTotp} autoComplete="one-time-code" inputMode="numeric" />
        )}
        {!asking && <ErrorMessage error={login.error} />}
        <button type="submit" disabled={login.isPending}>
          {t("signIn.submit")}
        </button>
      </form>
    </section>
  );
}

/** The portal's sign-in page (also shown in place of a page that needs a customer). */
export function PortalSignIn({ slug, site, info, notice }: Props & { notice?: string }) {
  return (
    <PortalPage title={t("portal.signIn.title")} site={site}>
      {notice && <p className="notice">{notice}</p>}
      <div className="portal-columns">
        {info?.sign_in.email_link !== false && <ByMail slug={slug} />}
        {info?.sign_in.password !== false && <ByPassword slug={slug} />}
      </div>
      {info && info.customer_registration !== "off" && (
        <p>
          {t("portal.signIn.noAccount")} <Link to={portalPath(slug, "register")}>{t("portal.register.title")}</Link>
        </p>
      )}
    </PortalPage>
  );
}

export function Register({ slug, site, info }: Props) {
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const register = useMutation({
    mutationFn: () =>
      post("/portal/{org_slug}/register", {
        params: { org_slug: slug },
        body: { email, first_name: firstName, last_name: lastName, password },
      }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  if (info?.customer_registration === "off") {
    return (
      <PortalPage title={t("portal.register.title")} site={site}>
        <p>{t("portal.register.closed")}</p>
        <Link to={portalPath(slug, "sign-in")}>{t("portal.signIn.title")}</Link>
      </PortalPage>
    );
  }
  return (
    <PortalPage title={t("portal.register.title")} site={site}>
      {register.isSuccess ? (
        <p role="status">{t("portal.register.sent", { email })}</p>
      ) : (
        <form onSubmit={submit}>
          {info?.customer_registration === "domains" && <p className="notice">{t("portal.register.domainsOnly")}</p>}
          <Field label={t("portal.register.firstName")} name="first_name" value={firstName} onChange={setFirstName} autoComplete="given-name" />
          <Field label={t("portal.register.lastName")} name="last_name" value={lastName} onChange={setLastName} autoComplete="family-name" required={false} />
          <Field label={t("signIn.email")} name="email" type="email" value={email} onChange={setEmail} autoComplete="email" inputMode="email" />
          <Field label={t("invitation.password")} name="password" type="password" value={password} onChange={setPassword} autoComplete="new-password" />
          <ErrorMessage error={register.error} />
          <button type="submit" disabled={register.isPending}>
            {t("portal.register.submit")}
          </button>
        </form>
      )}
    </PortalPage>
  );
}
