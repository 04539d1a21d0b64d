// The frame of the admins' integration and compliance pages: a header back to the inbox, the
// pages' navigation and the page itself.
import type { ReactNode } from "react";
import { followLink, INBOX } from "../agent/Workspace";
import { t } from "../i18n";
import { OPS_PAGES } from "./paths";

export function OpsFrame({ path, title, children }: { path: string; title: string; children: ReactNode }) {
  return (
    <div className="manage">
      <a className="skip" href="#main">
        {t("agent.skip")}
      </a>
      <header className="topbar">
        <a className="brand" href={INBOX} onClick={followLink}>
          {t("app.name")}
        </a>
        <nav aria-label={t("ops.nav")}>
          <ul className="manage-nav">
            {OPS_PAGES.map((page) => (
              <li key={page.path}>
                <a href={page.path} onClick={followLink} aria-current={path === page.path ? "page" : undefined}>
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

/** A secret the API shows once (a new token or signing secret), until the admin dismisses it. */
export function ShownOnce({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  return (
    <div role="status" className="shown-once">
      <label className="field">
        <span>{t("ops.secretLabel", { name })}</span>
        <input readOnly value={secret} onFocus={(event) => event.target.select()} />
      </label>
      <p className="notice">{t("ops.once")}</p>
      <button type="button" onClick={onDone}>
        {t("ops.dismiss")}
      </button>
    </div>
  );
}
