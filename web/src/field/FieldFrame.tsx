// The frame of the field screens: the app's name (back to the inbox), links between the field
// screens the role may use, and the page's title. Phone-sized screens stack it (styles: field.css).
import { LiveIndicator } from "../LiveIndicator";
import type { MouseEvent, ReactNode } from "react";
import { t } from "../i18n";
import { navigate } from "../router";
import type { Session } from "../session";
import { DISPATCH_PATH, dispatches, MY_JOBS_PATH } from "./paths";
import "./field.css";

/** A link inside the app: the page changes without a reload (a modified click opens a tab as usual). */
export function inAppLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname);
}

type Props = { session: Session; title: string; current?: string; wide?: boolean; children: ReactNode };

export function FieldFrame({ session, title, current, wide = false, children }: Props) {
  const links: [string, string][] = [["/app/", t("field.nav.inbox")]];
  if (dispatches(session.user.role)) links.push([DISPATCH_PATH, t("field.nav.dispatch")]);
  links.push([MY_JOBS_PATH, t("field.nav.myJobs")]);
  return (
    <div className={wide ? "fs fs-wide" : "fs"}>
      <a className="skip" href="#main">
        {t("field.skip")}
      </a>
      <header className="field-bar">
        <a className="brand" href="/app/" onClick={inAppLink}>
          {t("app.name")}
        </a>
        <nav aria-label={t("field.nav.label")}>
          <ul>
            {links.map(([href, label]) => (
              <li key={href}>
                <a href={href} onClick={inAppLink} aria-current={href === current ? "page" : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <LiveIndicator />
      </header>
      <main id="main" className="field-main" tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
