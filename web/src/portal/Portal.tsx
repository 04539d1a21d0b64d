// The customer portal of one organization (/app/portal/<slug>/...): the help centre for anyone,
// requests for the organization's signed-in customers. Anonymous visitors read it in the
// organization's language, signed-in customers in their profile's.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { ApiError, post } from "../api/client";
import { setLanguage, t } from "../i18n";
import { navigate } from "../router";
import { endSession, rememberReturnTo } from "../session";
import { type Account, useAccount, useCurrentSession, useMe } from "./account";
import { Article, Category, HelpCentre } from "./HelpCentre";
import { type PortalInfo, usePortalInfo } from "./info";
import { NewRequest } from "./NewRequest";
import { parsePortalPath, type PortalRoute, portalPath } from "./paths";
import { MyRequests, RequestPage } from "./Requests";
import { PortalSignIn, Register } from "./SignIn";
import { Link, PortalPage } from "./ui";

const NEEDS_CUSTOMER = new Set<PortalRoute["page"]>(["requests", "new-request", "request"]);

function Header({ slug, site, account }: { slug: string; site: string; account: Account }) {
  const signOut = useMutation({
    mutationFn: async () => {
      // The session ends here whatever the API answers (it may have ended already).
      if (account.kind === "customer") await post("/auth/logout", { token: account.session.token }).catch(() => undefined);
    },
    onSettled: () => {
      endSession();
      navigate(portalPath(slug), true);
    },
  });
  return (
    <header className="portal-header">
      <a className="skip-link" href="#portal-main">
        {t("portal.skip")}
      </a>
      <Link to={portalPath(slug)} className="portal-brand">
        {site}
      </Link>
      <nav aria-label={t("portal.nav.label")}>
        <ul>
          <li>
            <Link to={portalPath(slug)}>{t("portal.nav.helpCentre")}</Link>
          </li>
          <li>
            <Link to={portalPath(slug, "requests")}>{t("portal.nav.requests")}</Link>
          </li>
          <li>
            <Link to={portalPath(slug, "requests", "new")}>{t("portal.nav.newRequest")}</Link>
          </li>
          <li>
            {account.kind === "customer" ? (
              <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
                {t("signOut")}
              </button>
            ) : (
              <Link to={portalPath(slug, "sign-in")}>{t("portal.nav.signIn")}</Link>
            )}
          </li>
        </ul>
      </nav>
    </header>
  );
}

function Body({ slug, site, route, account, info }: { slug: string; site: string; route: PortalRoute; account: Account; info: PortalInfo | undefined }) {
  if (NEEDS_CUSTOMER.has(route.page) && account.kind !== "customer") {
    if (account.kind === "loading") return <p>{t("app.loading")}</p>;
    const staff = account.kind === "elsewhere" && account.session.user.role !== "customer";
    const notice = account.kind === "anonymous" ? t("portal.signIn.needed") : staff ? t("portal.signIn.staff") : t("portal.signIn.elsewhere");
    return <PortalSignIn slug={slug} site={site} info={info} notice={notice} />;
  }
  switch (route.page) {
    case "home":
      return <HelpCentre slug={slug} site={site} />;
    case "category":
      return <Category slug={slug} site={site} id={route.id} />;
    case "article":
      return <Article slug={slug} site={site} id={route.id} account={account} />;
    case "sign-in":
      return <PortalSignIn slug={slug} site={site} info={info} />;
    case "register":
      return <Register slug={slug} site={site} info={info} />;
    case "requests":
    case "new-request":
    case "request": {
      if (account.kind !== "customer") return null;
      const session = account.session;
      if (route.page === "requests") return <MyRequests slug={slug} site={site} session={session} />;
      if (route.page === "new-request") return <NewRequest slug={slug} site={site} session={session} info={info} />;
      return <RequestPage slug={slug} site={site} session={session} number={route.number} />;
    }
    case "not-found":
      return (
        <PortalPage title={t("app.notFound")} site={site}>
          <Link to={portalPath(slug)}>{t("portal.backToHelpCentre")}</Link>
        </PortalPage>
      );
  }
}

export function Portal({ path }: { path: string }) {
  const parsed = parsePortalPath(path);
  const slug = parsed?.slug ?? "";
  const info = usePortalInfo(slug);
  const account = useAccount(slug);
  const needsCustomer = parsed !== null && NEEDS_CUSTOMER.has(parsed.route.page) && account.kind !== "customer";
  const main = useRef<HTMLElement>(null);
  const shown = useRef(path);
  useEffect(() => {
    // After moving to another page, keyboard and screen reader users start at its content.
    if (shown.current !== path) main.current?.focus();
    shown.current = path;
  }, [path]);
  useEffect(() => {
    // A page that needs a customer: come back to it after signing in here.
    if (needsCustomer && account.kind !== "loading") rememberReturnTo(path);
  }, [needsCustomer, account.kind, path]);
  // Visitors read in the organization's language; a customer's profile language is set by App.
  if (account.kind !== "customer") setLanguage(info.data?.default_language ?? navigator.language);
  const site = info.data?.name ?? slug;
  if (parsed === null || (info.error instanceof ApiError && info.error.status === 404)) {
    return (
      <main className="page">
        <h1>{t("portal.unknown")}</h1>
      </main>
    );
  }
  return (
    <div className="portal">
      <Header slug={slug} site={site} account={account} />
      <main id="portal-main" className="portal-main" tabIndex={-1} ref={main}>
        <Body slug={slug} site={site} route={parsed.route} account={account} info={info.data} />
      </main>
    </div>
  );
}

/** A customer opening a staff page: to their portal's requests (the organization from /auth/me). */
export function ToMyPortal() {
  const me = useMe(useCurrentSession());
  useEffect(() => {
    if (me.data) navigate(portalPath(me.data.organization.slug, "requests"), true);
  }, [me.data]);
  return (
    <main className="page">
      <p>{me.isError ? t("portal.noPortal") : t("app.loading")}</p>
    </main>
  );
}
