// The portal's small building blocks: in-app links, the page frame's title, status badges.
import { type MouseEvent, type ReactNode, useEffect } from "react";
import type { Schemas } from "../api/client";
import { type MessageKey, t } from "../i18n";
import { navigate } from "../router";

/** A link inside the app: a plain click changes the page without a reload; others (new tab) stay. */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={click} className={className}>
      {children}
    </a>
  );
}

/** A page's heading, also the window's title. */
export function PortalPage({ title, site, children }: { title: string; site: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · ${site}`;
  }, [title, site]);
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}

const STATUS_KEYS: Record<Schemas["Status"], MessageKey> = {
  new: "portal.status.open",
  open: "portal.status.open",
  pending: "portal.status.pending",
  on_hold: "portal.status.onHold",
  solved: "portal.status.solved",
  closed: "portal.status.closed",
};

/** A request's status as the customer sees it ("new" and "open" are both open to them). */
export function StatusBadge({ status }: { status: Schemas["Status"] }) {
  return <span className={`portal-status portal-status-${status}`}>{t(STATUS_KEYS[status])}</span>;
}

/** A fresh key for one form's creating POST (a retried submit creates nothing twice). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
