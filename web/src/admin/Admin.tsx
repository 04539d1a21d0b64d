// The admin pages by address: /app/admin/settings, /people, /departments, /customers.
import { Page } from "../components";
import { t } from "../i18n";
import type { Session } from "../session";
import { Customers } from "./Customers";
import { Departments } from "./Departments";
import { ADMIN_PAGES, AdminFrame, mayAdminister } from "./Frame";
import { ADMIN_CUSTOMERS, ADMIN_DEPARTMENTS, ADMIN_PEOPLE } from "./paths";
import { People } from "./People";
import { OrganizationSettings } from "./Settings";

export function AdminPage({ session, path }: { session: Session; path: string }) {
  if (!mayAdminister(session)) {
    return (
      <Page title={t("admin.forbidden")}>
        <a href="/app/">{t("app.toInbox")}</a>
      </Page>
    );
  }
  const label = ADMIN_PAGES.find((page) => page.path === path)?.label ?? "admin.nav.settings";
  const body =
    path === ADMIN_PEOPLE ? (
      <People session={session} />
    ) : path === ADMIN_DEPARTMENTS ? (
      <Departments session={session} />
    ) : path === ADMIN_CUSTOMERS ? (
      <Customers session={session} />
    ) : (
      <OrganizationSettings session={session} />
    );
  return (
    <AdminFrame path={path} title={t(label)}>
      {body}
    </AdminFrame>
  );
}
