// The pages the links in account mail open (docs/local-development.md, "Links in account mail").
// Each takes the token captured from the #token= fragment (linkToken.ts) and posts it in a JSON body.
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, get, type Schemas, post } from "../api/client";
import { ErrorMessage, Field, Page } from "../components";
import { t } from "../i18n";
import { linkToken } from "../linkToken";
import { portalPath } from "../portal/paths";
import { navigate } from "../router";
import { startSession } from "../session";

type SignedIn = () => void;
type LoginOut = Schemas["LoginOut"];

// A link is single-use: the POST that consumes it runs once per token (a query, deduplicated and
// never refetched), so a re-render or a second mount never spends it twice and shows "already used".
const once = { staleTime: Infinity, gcTime: Infinity, retry: false, refetchOnWindowFocus: false } as const;

function MissingToken({ title }: { title: string }) {
  return (
    <Page title={title}>
      <p role="alert" className="error">
        {t("link.missing")}
      </p>
    </Page>
  );
}

/** Pages that only post the token and sign in with the answer. */
function ConsumeLink({
  title,
  working,
  consume,
  onSignedIn,
}: {
  title: string;
  working: string;
  consume: (token: string) => Promise<LoginOut>;
  onSignedIn: SignedIn;
}) {
  const token = linkToken();
  const signIn = useQuery({
    queryKey: ["link", title, token],
    queryFn: async () => {
      const answer = await consume(token ?? "");
      startSession(answer);
      onSignedIn();
      return answer;
    },
    enabled: token !== null,
    ...once,
  });
  if (token === null) return <MissingToken title={title} />;
  return (
    <Page title={title}>
      {signIn.isPending && <p>{working}</p>}
      <ErrorMessage error={signIn.error} />
    </Page>
  );
}

export function VerifyEmail({ onSignedIn }: { onSignedIn: SignedIn }) {
  return (
    <ConsumeLink
      title={t("verify.title")}
      working={t("verify.working")}
      consume={(token) => post("/auth/email/verify", { body: { token } })}
      onSignedIn={onSignedIn}
    />
  );
}

/** The request a ticket link opens, in the customer's portal (its slug from /auth/me; the
 * link's session lists exactly its one ticket). */
async function ticketPage(token: string): Promise<string> {
  const [me, tickets] = await Promise.all([
    get("/auth/me", { token }),
    get("/tickets", { token, query: { limit: 1 } }),
  ]);
  const number = tickets.items[0]?.ticket_number;
  const slug = me.organization.slug;
  return number ? portalPath(slug, "requests", number) : portalPath(slug, "requests");
}

/** /app/ticket: a notification's "view your request" link opens that request in the portal. */
export function TicketLink() {
  const token = linkToken();
  const title = t("ticketLink.title");
  const open = useQuery({
    queryKey: ["link", "ticket", token],
    queryFn: async () => {
      const answer = await post("/auth/ticket-link", { body: { token: token ?? "" } });
      startSession(answer);
      navigate(await ticketPage(answer.token), true);
      return answer;
    },
    enabled: token !== null,
    ...once,
  });
  if (token === null) return <MissingToken title={title} />;
  return (
    <Page title={title}>
      {open.isPending && <p>{t("ticketLink.working")}</p>}
      <ErrorMessage error={open.error} />
    </Page>
  );
}

/** /app/sign-in: the customer's sign-in link, or the 6-digit code from the same mail. */
export function LinkSignIn({ onSignedIn }: { onSignedIn: SignedIn }) {
  const token = linkToken();
  const [organization, setOrganization] = useState("");
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const byLink = useQuery({
    queryKey: ["link", "sign-in", token],
    queryFn: async () => {
      const answer = await post("/auth/sign-in/link", { body: { token: token ?? "" } });
      startSession(answer);
      onSignedIn();
      return answer;
    },
    enabled: token !== null,
    ...once,
  });
  const byCode = useMutation({
    mutationFn: () => post("/auth/sign-in/code", { body: { organization, email, code } }),
    onSuccess: (answer) => {
      startSession(answer);
      onSignedIn();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    byCode.mutate();
  };
  return (
    <Page title={t("linkSignIn.title")}>
      {token !== null && byLink.isPending && <p>{t("linkSignIn.working")}</p>}
      <ErrorMessage error={byLink.error} />
      <form onSubmit={submit}>
        <p>{t("linkSignIn.codeIntro")}</p>
        <Field label={t("signIn.organization")} name="organization" value={organization} onChange={setOrganization} />
        <Field label={t("signIn.email")} name="email" type="email" value={email} onChange={setEmail} inputMode="email" />
        <Field label={t("linkSignIn.code")} name="code" value={code} onChange={setCode} autoComplete="one-time-code" inputMode="numeric" />
        <ErrorMessage error={byCode.error} />
        <button type="submit" disabled={byCode.isPending}>
          {t("linkSignIn.submit")}
        </button>
      </form>
    </Page>
  );
}

const askedForTotp = (error: unknown) => error instanceof ApiError && error.code === "totp_required";

export function AcceptInvitation({ onSignedIn }: { onSignedIn: SignedIn }) {
  const token = linkToken();
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const preview = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => post("/auth/invitations/preview", { body: { token: token ?? "" } }),
    enabled: token !== null,
    ...once,
  });
  const accept = useMutation({
    mutationFn: () =>
      post("/auth/invitations/accept", { body: { token: token ?? "", password, totp_code: totp || null } }),
    onSuccess: (answer) => {
      startSession(answer);
      onSignedIn();
    },
  });
  if (token === null) return <MissingToken title={t("invitation.title")} />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
  return (
    <Page title={t("invitation.title")}>
      {preview.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={preview.error} />
      {preview.data && (
        <form onSubmit={submit}>
          <p>
            {t("invitation.intro", {
              organization: preview.data.organization_name,
              email: preview.data.email,
              role: preview.data.role,
            })}
          </p>
          <Field label={t("invitation.password")} name="password" type="password" value={password} onChange={setPassword} autoComplete="new-password" />
          {(askedForTotp(accept.error) || totp) && (
            <Field label={t("signIn.totp")} name="totp_code" value={totp} onChange={setTotp} autoComplete="one-time-code" inputMode="numeric" />
          )}
          <ErrorMessage error={accept.error} />
          <button type="submit" disabled={accept.isPending}>
            {t("invitation.submit")}
          </button>
        </form>
      )}
    </Page>
  );
}

export function ResetPassword({ onSignedIn }: { onSignedIn: SignedIn }) {
  const token = linkToken();
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const reset = useMutation({
    mutationFn: () =>
      post("/auth/password/reset", { body: { token: token ?? "", new_password: password, totp_code: totp || null } }),
    onSuccess: (answer) => {
      startSession(answer);
      onSignedIn();
    },
  });
  if (token === null) return <MissingToken title={t("reset.title")} />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate();
  };
  return (
    <Page title={t("reset.title")}>
      <form onSubmit={submit}>
        <Field label={t("reset.password")} name="new_password" type="password" value={password} onChange={setPassword} autoComplete="new-password" />
        {(askedForTotp(reset.error) || totp) && (
          <Field label={t("reset.totp")} name="totp_code" value={totp} onChange={setTotp} autoComplete="one-time-code" inputMode="numeric" />
        )}
        <ErrorMessage error={reset.error} />
        <button type="submit" disabled={reset.isPending}>
          {t("reset.submit")}
        </button>
      </form>
    </Page>
  );
}

export function Rate() {
  const token = linkToken();
  const preview = useQuery({
    queryKey: ["rating", token],
    queryFn: () => post("/satisfaction/preview", { body: { token: token ?? "" } }),
    enabled: token !== null,
    ...once,
  });
  const rate = useMutation({
    mutationFn: (rating: Schemas["QuickRating"]) => post("/satisfaction", { body: { token: token ?? "", rating } }),
  });
  if (token === null) return <MissingToken title={t("rate.title")} />;
  return (
    <Page title={t("rate.title")}>
      {preview.isPending && <p>{t("app.loading")}</p>}
      <ErrorMessage error={preview.error} />
      {preview.data && !rate.isSuccess && (
        <>
          <p>{t("rate.about", { number: preview.data.ticket_number, subject: preview.data.subject })}</p>
          {preview.data.already_rated && <p className="notice">{t("rate.already")}</p>}
          <p className="choices">
            <button type="button" onClick={() => rate.mutate("good")} disabled={rate.isPending}>
              {t("rate.good")}
            </button>
            <button type="button" onClick={() => rate.mutate("bad")} disabled={rate.isPending}>
              {t("rate.bad")}
            </button>
          </p>
        </>
      )}
      <ErrorMessage error={rate.error} />
      {rate.isSuccess && <p role="status">{t("rate.thanks")}</p>}
    </Page>
  );
}
