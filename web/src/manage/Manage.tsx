// The managers' settings pages by address: /app/manage/sla, /app/manage/macros, /app/manage/views.
import { Page } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";
import { ManageFrame, mayManage } from "./Frame";
import { SharedMacros, SharedViews } from "./Shared";
import { SlaPolicies } from "./Sla";

export const MANAGE_PATHS = ["/app/manage/sla", "/app/manage/macros", "/app/manage/views"] as const;

export function ManagePage({ session, path }: { session: Session; path: string }) {
  if (!mayManage(session)) {
    return (
      <Page title={t("manage.forbidden")}>
        <a href="/app/">{t("app.toInbox")}</a>
      </Page>
    );
  }
  if (path === "/app/manage/macros") {
    return (
      <ManageFrame path={path} title={t("manage.nav.macros")}>
        <SharedMacros session={session} />
      </ManageFrame>
    );
  }
  if (path === "/app/manage/views") {
    return (
      <ManageFrame path={path} title={t("manage.nav.views")}>
        <SharedViews session={session} />
      </ManageFrame>
    );
  }
  return (
    <ManageFrame path={path} title={t("manage.nav.sla")}>
      <SlaPolicies session={session} />
    </ManageFrame>
  );
}
