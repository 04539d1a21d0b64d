// The small "Live" badge in the headers: whether changes arrive as they happen (the tab's
// WebSocket) or by the screens' polling. A status region, so a screen reader hears the change.
import { t } from "./i18n";
import { useLiveStatus } from "./live";

export function LiveIndicator() {
  const status = useLiveStatus();
  const text = status === "live" ? t("live.live") : status === "connecting" ? t("live.connecting") : t("live.off");
  const hint = status === "live" ? t("live.liveHint") : t("live.offHint");
  return (
    <span className={`live-indicator live-${status}`} role="status" aria-label={`${t("live.label")}: ${text}`} title={hint}>
      <span className="live-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
