import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from "react";
import { useLiveConnection } from "./live";
import { setSessionRejectedHandler } from "./api/client";
import { Page } from "./components";
import { setTimeZone } from "./format";
import { setLanguage, t } from "./i18n";
import { SEARCH_PATH } from "./agent/search";
import { SsoCallback } from "./agent/SsoCallback";
import { TICKET_PATH, Workspace } from "./agent/Workspace";
import { MANAGE_PATHS, ManagePage } from "./manage/Manage";
import { OPS_PATHS } from "./admin/paths";
import { AdminPage } from "./admin/Admin";
import { ADMIN_CUSTOMERS, ADMIN_DEPARTMENTS, ADMIN_PEOPLE, ADMIN_SETTINGS } from "./admin/paths";
import { DispatchBoard } from "./field/Dispatch";
import { MyJobs } from "./field/MyJobs";
import { DISPATCH_PATH, dispatches, MY_JOBS_PATH, WORK_ORDER_PATH } from "./field/paths";
import { WorkOrderPage } from "./field/WorkOrderPage";
import { KbEditPage } from "./kbedit/KbEdit";
import { isKbPath } from "./kbedit/paths";
import { Portal, ToMyPortal } from "./portal/Portal";
import { isCustomerPage, PORTAL_PREFIX, portalSignInFor } from "./portal/paths";
import { REPORTS_PATH } from "./manage/paths";
import { AcceptInvitation, LinkSignIn, Rate, ResetPassword, TicketLink, VerifyEmail } from "./pages/links";
import { SignIn } from "./pages/SignIn";
import { RULES_PATH, RulesPage } from "./manage/Rules";
import { navigate, usePath } from "./router";
import { endSession, getSession, rememberReturnTo, subscribe, takeReturnTo } from "./session";

// The reports and their charting library load only when a manager opens them.
const Reports = lazy(() => import("./manage/Reports"));
// So do the admins' integration and compliance pages.
const OpsPage = lazy(() => import("./admin/Ops"));

export const HOME = "/app/";
export const LOGIN = "/app/login";
const MAX_TIMER_MS = 2 ** 31 - 1;

/** After any sign-in: back where the user was when the session ended, else the inbox. */
function signedIn(): void {
  navigate(takeReturnTo() ?? HOME, true);
}

export function App() {
  const path = usePath();
  const session = useSyncExternalStore(subscribe, getSession);
  const [expired, setExpired] = useState(false);
  // The profile's language and time zone when signed in, else the browser's (idempotent per render).
  setLanguage(session?.user.language || navigator.language);
  setTimeZone(session?.user.timezone);
  useLiveConnection(session);

  useEffect(() => {
    // The API refusing the session (expired, revoked, signed out elsewhere): sign in again, then come back.
    const sessionEnded = (token?: string) => {
      // Only the current session's first refusal counts: requests refused at the same time, or an
      // old session's late answers, must not move the way back (or end the next session).
      if (token !== undefined && getSession()?.token !== token) return;
      rememberReturnTo(window.location.pathname);
      setExpired(true);
      endSession();
      navigate(portalSignInFor(window.location.pathname) ?? LOGIN, true);
    };
    setSessionRejectedHandler(sessionEnded);
    if (session === null) return () => setSessionRejectedHandler(null);
    // setTimeout fires at once beyond 2^31-1 ms (~24.8 days): wait in steps no longer than that.
    let timer = 0;
    const arm = () => {
      const left = Date.parse(session.expiresAt) - Date.now();
      if (left <= 0) sessionEnded();
      else timer = window.setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    };
    arm();
    return () => {
      window.clearTimeout(timer);
      setSessionRejectedHandler(null);
    };
  }, [session]);

  const onSignedIn = () => {
    setExpired(false);
    signedIn();
  };

  // The customer portal; a customer's session on a staff page goes to their portal.
  if (path.startsWith(PORTAL_PREFIX)) return <Portal path={path} />;
  if (session?.user.role === "customer" && !isCustomerPage(path)) return <ToMyPortal />;

  // The field screens: a session is needed; without one, sign in and come back.
  const workOrder = WORK_ORDER_PATH.exec(path)?.[1];
  const field = path.replace(/\/+$/, "");
  if (workOrder !== undefined || field === DISPATCH_PATH || field === MY_JOBS_PATH) {
    if (session === null) {
      const back = () => {
        rememberReturnTo(path);
        onSignedIn();
      };
      return <SignIn onSignedIn={back} expired={expired} />;
    }
    if (workOrder !== undefined) return <WorkOrderPage session={session} number={decodeURIComponent(workOrder)} />;
    if (field === MY_JOBS_PATH) return <MyJobs session={session} />;
    if (dispatches(session.user.role)) return <DispatchBoard session={session} />;
    return (
      <Page title={t("field.board.title")}>
        <p>{t("field.board.forbidden")}</p>
        <a href={HOME}>{t("app.toInbox")}</a>
      </Page>
    );
  }

  // The admins' integration and compliance pages: without a session, sign in and come back.
  const trimmed = path.replace(/\/+$/, "");
  if (OPS_PATHS.includes(trimmed)) {
    if (session === null) {
      const back = () => {
        rememberReturnTo(path);
        onSignedIn();
      };
      return <SignIn onSignedIn={back} expired={expired} />;
    }
    return (
      <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
        <OpsPage session={session} path={trimmed} />
      </Suspense>
    );
  }

  // The knowledge base editor: a session is needed; without one, sign in and come back.
  if (isKbPath(path)) {
    if (session === null) {
      const back = () => {
        rememberReturnTo(`${path}${window.location.search}`);
        onSignedIn();
      };
      return <SignIn onSignedIn={back} expired={expired} />;
    }
    return <KbEditPage session={session} path={path} />;
  }

  if (TICKET_PATH.test(path)) {
    // A ticket's address opened without a session: sign in, then come back to it.
    if (session === null) {
      const back = () => {
        rememberReturnTo(path);
        onSignedIn();
      };
      return <SignIn onSignedIn={back} expired={expired} />;
    }
    return <Workspace session={session} path={path} />;
  }
  switch (path.replace(/\/+$/, "") || "/") {
    case "/app":
      if (session === null) return <SignIn onSignedIn={onSignedIn} />;
      return <Workspace session={session} path={path} />;
    case SEARCH_PATH:
      if (session === null) {
        // A search's address opened without a session: sign in, then back to the same search.
        const back = () => {
          rememberReturnTo(`${path}${window.location.search}`);
          onSignedIn();
        };
        return <SignIn onSignedIn={back} expired={expired} />;
      }
      return <Workspace session={session} path={path} />;
    case MANAGE_PATHS[0]:
    case MANAGE_PATHS[1]:
    case MANAGE_PATHS[2]:
      if (session === null) {
        // A settings page opened without a session: sign in, then back to it.
        const back = () => {
          rememberReturnTo(path);
          onSignedIn();
        };
        return <SignIn onSignedIn={back} expired={expired} />;
      }
      return <ManagePage session={session} path={path.replace(/\/+$/, "")} />;
    case REPORTS_PATH:
      if (session === null) {
        // The reports' address opened without a session: sign in, then back to them.
        const back = () => {
          rememberReturnTo(path);
          onSignedIn();
        };
        return <SignIn onSignedIn={back} expired={expired} />;
      }
      return (
        <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
          <Reports session={session} />
        </Suspense>
      );
    case RULES_PATH:
      if (session === null) {
        const back = () => {
          rememberReturnTo(path);
          onSignedIn();
        };
        return <SignIn onSignedIn={back} expired={expired} />;
      }
      return <RulesPage session={session} />;
    case ADMIN_SETTINGS:
    case ADMIN_PEOPLE:
    case ADMIN_DEPARTMENTS:
    case ADMIN_CUSTOMERS:
      if (session === null) {
        // An admin page opened without a session: sign in, then back to it.
        const back = () => {
          rememberReturnTo(path);
          onSignedIn();
        };
        return <SignIn onSignedIn={back} expired={expired} />;
      }
      return <AdminPage session={session} path={path.replace(/\/+$/, "")} />;
    case "/app/sso/callback":
      return <SsoCallback onSignedIn={onSignedIn} />;
    case LOGIN:
      return <SignIn expired={expired} onSignedIn={onSignedIn} />;
    case "/app/accept-invitation":
      return <AcceptInvitation onSignedIn={onSignedIn} />;
    case "/app/reset-password":
      return <ResetPassword onSignedIn={onSignedIn} />;
    case "/app/sign-in":
      return <LinkSignIn onSignedIn={onSignedIn} />;
    case "/app/verify-email":
      return <VerifyEmail onSignedIn={onSignedIn} />;
    case "/app/ticket":
      return <TicketLink />;
    case "/app/rate":
      return <Rate />;
    default:
      return (
        <Page title={t("app.notFound")}>
          <a href={HOME}>{t("app.toInbox")}</a>
        </Page>
      );
  }
}
