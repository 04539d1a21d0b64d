// The admins' integration and compliance pages' addresses, apart from the pages so that the app's
// router can know them without loading the pages (a lazy chunk).
import type { MessageKey } from "../i18n";

export const OPS_PAGES: { path: string; label: MessageKey }[] = [
  { path: "/app/admin/tokens", label: "ops.nav.tokens" },
  { path: "/app/admin/webhooks", label: "ops.nav.webhooks" },
  { path: "/app/admin/audit", label: "ops.nav.audit" },
  { path: "/app/admin/retention", label: "ops.nav.retention" },
  { path: "/app/admin/privacy", label: "ops.nav.privacy" },
  { path: "/app/admin/sso", label: "ops.nav.sso" },
];

export const OPS_PATHS = OPS_PAGES.map((page) => page.path);

// The admin pages' addresses, for the rest of the app without loading the pages.
export const ADMIN_SETTINGS = "/app/admin/settings";
export const ADMIN_PEOPLE = "/app/admin/people";
export const ADMIN_DEPARTMENTS = "/app/admin/departments";
export const ADMIN_CUSTOMERS = "/app/admin/customers";
