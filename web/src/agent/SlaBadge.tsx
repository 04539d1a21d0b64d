// The SLA badge in words (not by colour alone): time left, warning, breached, paused, met.
import { formatDateTime, formatDuration } from "../format";
import { t } from "../i18n";
import type { SlaBadge } from "./sla";

export function slaText(badge: SlaBadge): string {
  const time = badge.remainingSeconds === null ? "" : formatDuration(badge.remainingSeconds);
  switch (badge.state) {
    case "running":
      return t("sla.left", { time });
    case "warning":
      return t("sla.warning", { time });
    case "breached":
      return time ? t("sla.breachedAgo", { time }) : t("sla.breached");
    case "paused":
      return t("sla.paused");
    case "met":
      return t("sla.met");
    default:
      return "";
  }
}

export function SlaBadgeView({ badge }: { badge: SlaBadge }) {
  const text = slaText(badge);
  if (!text) return <span className="muted">{t("sla.none")}</span>;
  return (
    <span className={`badge sla-${badge.state}`} title={badge.due ? t("sla.due", { due: formatDateTime(badge.due) }) : undefined}>
      {text}
    </span>
  );
}
