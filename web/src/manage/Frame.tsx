// The frame of the managers' settings pages (SLA policies, shared macros, shared views): a header
// back to the inbox, the pages' navigation and the page itself.
import type { ReactNode } from "react";
import { t } from "../i18n";
import type { MessageKey } from "../i18n";
import type { Session } from "../session";
import { followLink, INBOX } from "../agent/Workspace";

export const MANAGE_PAGES: { path: string; label: MessageKey }[] = [
  { path: "/app/manage/sla", label: "manage.nav.sla" },
  { path: "/app/manage/macros", label: "manage.nav.macros" },
  { path: "/app/manage/views", label: "manage.nav.views" },
];

/** Admins and managers run these pages (the API refuses the others anyway). */
export function mayManage(session: Session): boolean {
  return session.user.role === "admin" || session.user.role === "manager";
}

type FrameProps = { path: string; title: string; children: ReactNode };

export function ManageFrame({ path, title, children }: FrameProps) {
  return (
    <div className="manage">
      <a className="skip" href="#main">
        {t("agent.skip")}
      </a>
      <header className="topbar">
        <a className="brand" href={INBOX} onClick={followLink}>
          {t("app.name")}
        </a>
        <nav aria-label={t("manage.nav")}>
          <ul className="manage-nav">
            {MANAGE_PAGES.map((page) => (
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

/** The fields' problems the API named (422 details), shown where the field is. */
export function FieldErrors({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="error field-errors">
      {messages.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  );
}
