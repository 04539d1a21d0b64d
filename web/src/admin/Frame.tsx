// The frame of the admin pages: a header back to the inbox, the admin navigation and the page.
// Organization settings, people, departments and customers, and the integration and compliance
// pages (tokens, webhooks, audit, retention, privacy, SSO: Ops.tsx) share it.
import type { ReactNode } from "react";
import { t } from "../i18n";
import type { MessageKey } from "../i18n";
import type { Session } from "../session";
import { followLink, INBOX } from "../agent/Workspace";

import { ADMIN_CUSTOMERS, ADMIN_DEPARTMENTS, ADMIN_PEOPLE, ADMIN_SETTINGS, OPS_PAGES } from "./paths";

export const ADMIN_PAGES: { path: string; label: MessageKey }[] = [
  { path: ADMIN_SETTINGS, label: "admin.nav.settings" },
  { path: ADMIN_PEOPLE, label: "admin.nav.people" },
  { path: ADMIN_DEPARTMENTS, label: "admin.nav.departments" },
  { path: ADMIN_CUSTOMERS, label: "admin.nav.customers" },
  ...OPS_PAGES,
];

/** Only admins run the organization (the API refuses the others anyway). */
export function mayAdminister(session: Session): boolean {
  return session.user.role === "admin";
}

type FrameProps = { path: string; title: string; children: ReactNode };

export function AdminFrame({ path, title, children }: FrameProps) {
  return (
    <div className="manage">
      <a className="skip" href="#main">
        {t("agent.skip")}
      </a>
      <header className="topbar">
        <a className="brand" href={INBOX} onClick={followLink}>
          {t("app.name")}
        </a>
        <nav aria-label={t("admin.nav")}>
          <ul className="manage-nav">
            {ADMIN_PAGES.map((page) => (
              <li key={page.path}>
                <a href={page.path} onClick={followLink} aria-current={path.startsWith(page.path) ? "page" : undefined}>
                  {t(page.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="manage-main" tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
