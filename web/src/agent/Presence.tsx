// Collision detection on the ticket page: a heartbeat tells the API this agent is viewing the
// ticket (or replying, while the composer holds text) every 20 s while the page is visible, at
// once when that changes, and a DELETE when the agent leaves; "Also here: …" names the others.
import { useEffect, useRef, useState } from "react";
import { t } from "../i18n";
import { getSession, type Session } from "../session";
import { heartbeat, HEARTBEAT_MS, leave, othersHere, type Presence, type PresenceState } from "./collab";

/**
 * The other staff on the ticket now, kept fresh by this page's own heartbeats; `initial` (the
 * ticket's own `presence`) is undefined until the ticket is shown, and no heartbeat goes before.
 */
export function usePresence(session: Session, number: string, state: PresenceState, initial: readonly Presence[] | undefined): Presence[] {
  const [entries, setEntries] = useState<readonly Presence[] | null>(null);
  const token = session.token;
  // A newer ticket page's answer wins over an older heartbeat still in flight.
  const latest = useRef(0);
  const shown = initial !== undefined;

  useEffect(() => {
    if (!shown) return;
    setEntries(null);
    return () => {
      // Leaving: the others stop seeing this agent now, not when the entry expires. Not after
      // the session ended: its refusal would be taken for the end of the next session.
      if (getSession()?.token === token) leave(token, number).catch(() => undefined);
    };
  }, [token, number, shown]);

  useEffect(() => {
    if (!shown) return;
    const controller = new AbortController();
    const beat = async () => {
      if (document.visibilityState === "hidden") return;
      const call = ++latest.current;
      try {
        const answer = await heartbeat(token, number, state, controller.signal);
        if (call === latest.current) setEntries(answer.presence);
      } catch {
        // A missed heartbeat is repeated by the next one; the entry outlives two of them.
      }
    };
    void beat();
    const timer = window.setInterval(beat, HEARTBEAT_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") void beat();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      controller.abort();
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [token, number, state, shown]);

  return othersHere(entries ?? initial ?? [], session.user.id);
}

/** "Also here: Alex Agent (replying), Sam (viewing)", announced politely as it changes. */
export function PresenceIndicator({ others }: { others: readonly Presence[] }) {
  const names = others.map((entry) => (entry.state === "replying" ? t("presence.replying", { name: entry.name }) : t("presence.viewing", { name: entry.name }))).join(", ");
  return (
    <p aria-live="polite" className={others.some((entry) => entry.state === "replying") ? "presence replying" : "presence"}>
      {others.length > 0 && t("presence.alsoHere", { names })}
    </p>
  );
}
