// /app/sso/callback: the identity provider sends the browser here with ?code=&state=. Both leave
// the address bar at once (and so the history), then are posted to the API once, which answers
// with a session like a password sign-in.
import { useEffect, useState } from "react";
import { ApiError, post } from "../api/client";
import { ErrorMessage, Page } from "../components";
import { t } from "../i18n";
import { startSession } from "../session";
import { organizationSlug } from "./sso";

type Outcome = { state: "working" } | { state: "failed"; error: unknown };

/** The code and state of the redirect, taken out of the address (null when absent). */
export function takeSsoParams(): { code: string; state: string } | null {
  const query = new URLSearchParams(window.location.search);
  const code = query.get("code");
  const state = query.get("state");
  if (window.location.search) window.history.replaceState(null, "", window.location.pathname);
  return code && state ? { code, state } : null;
}

// The state is single use: a second effect run (StrictMode, a re-render) must not post it again.
let pending: Promise<Awaited<ReturnType<typeof callback>>> | null = null;

function callback(slug: string, code: string, state: string) {
  return post("/auth/sso/{org_slug}/callback", { params: { org_slug: slug }, body: { code, state } });
}

export function SsoCallback({ onSignedIn }: { onSignedIn: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>({ state: "working" });
  useEffect(() => {
    let live = true;
    if (pending === null) {
      const params = takeSsoParams();
      const slug = organizationSlug();
      if (params === null || slug === null) {
        setOutcome({ state: "failed", error: new ApiError(400, { code: "invalid_sso_state", message: "", details: [] }) });
        return;
      }
      pending = callback(slug, params.code, params.state);
    }
    pending.then(
      (answer) => {
        pending = null;
        if (!live) return;
        startSession(answer);
        onSignedIn();
      },
      (error: unknown) => {
        pending = null;
        if (live) setOutcome({ state: "failed", error });
      },
    );
    return () => {
      live = false;
    };
  }, [onSignedIn]);
  return (
    <Page title={t("sso.callbackTitle")}>
      {outcome.state === "working" ? <p>{t("sso.working")}</p> : <ErrorMessage error={outcome.error} />}
      {outcome.state === "failed" && <a href="/app/login">{t("sso.again")}</a>}
    </Page>
  );
}
