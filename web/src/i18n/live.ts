// The live-update indicator's strings (web/src/live.ts): English, and German with the same keys.
export const liveEn = {
  "live.label": "Updates",
  "live.live": "Live",
  "live.connecting": "Connecting…",
  "live.off": "Refreshing every few seconds",
  "live.liveHint": "Changes by others appear here as they happen.",
  "live.offHint": "Live updates are unavailable; the page refreshes on its own.",
};

export const liveDe: Record<keyof typeof liveEn, string> = {
  "live.label": "Aktualisierung",
  "live.live": "Live",
  "live.connecting": "Verbinde…",
  "live.off": "Aktualisierung alle paar Sekunden",
  "live.liveHint": "Änderungen anderer erscheinen hier sofort.",
  "live.offHint": "Live-Aktualisierung ist nicht verfügbar; die Seite aktualisiert sich selbst.",
};
