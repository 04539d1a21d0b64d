// The admins' integration and compliance pages by address: /app/admin/tokens, /webhooks, /audit,
// /retention, /privacy, /sso (a lazy chunk: loaded only when an admin opens one).
import { Page } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";
import { AuditLog } from "./Audit";
import { AdminFrame } from "./Frame";
import { OPS_PAGES } from "./paths";
import { Privacy } from "./Privacy";
import { Retention } from "./Retention";
import { SsoSettings } from "./Sso";
import { ApiTokens } from "./Tokens";
import { Webhooks } from "./Webhooks";

export default function OpsPage({ session, path }: { session: Session; path: string }) {
  if (session.user.role !== "admin") {
    return (
      <Page title={t("ops.forbidden")}>
        <a href="/app/">{t("app.toInbox")}</a>
      </Page>
    );
  }
  const page = OPS_PAGES.find((candidate) => candidate.path === path) ?? OPS_PAGES[0];
  const body =
    page.path === "/app/admin/webhooks" ? (
      <Webhooks session={session} />
    ) : page.path === "/app/admin/audit" ? (
      <AuditLog session={session} />
    ) : page.path === "/app/admin/retention" ? (
      <Retention session={session} />
    ) : page.path === "/app/admin/privacy" ? (
      <Privacy session={session} />
    ) : page.path === "/app/admin/sso" ? (
      <SsoSettings session={session} />
    ) : (
      <ApiTokens session={session} />
    );
  return (
    <AdminFrame path={page.path} title={t(page.label)}>
      {body}
    </AdminFrame>
  );
}
