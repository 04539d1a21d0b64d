// Collision detection on the ticket page: a heartbeat tells the API this agent is viewing the
// ticket (or replying, while the composer holds text) every 20 s while the page is visible, at
// once when that changes, and a DELETE when the agent leaves; "Also here: …" names the others,
// and each answer's newest comment tells the page when its conversation is behind.
import { useEffect, useRef, useState } from "react";
import { t } from "../i18n";
import { getSession, type Session } from "../session";
import { heartbeat, HEARTBEAT_MS, leave, othersHere, type Presence, type PresenceState } from "./collab";

export type PresenceNow = {
  /** The other staff on the ticket, replying ones first. */
  others: Presence[];
  /** The ticket's newest comment as of the last heartbeat (null before the first answer). */
  newestCommentId: string | null;
};

/**
 * The other staff on the ticket now, kept fresh by this page's own heartbeats; `initial` (the
 * ticket's own `presence`) is undefined until the ticket is shown, and no heartbeat goes before.
 */
export function usePresence(session: Session, number: string, state: PresenceState, initial: readonly Presence[] | undefined): PresenceNow {
  const [entries, setEntries] = useState<readonly Presence[] | null>(null);
  const [newest, setNewest] = useState<string | null>(null);
  const token = session.token;
  // A newer ticket page's answer wins over an older heartbeat still in flight.
  const latest = useRef(0);
  const shown = initial !== undefined;

  useEffect(() => {
    if (!shown) return;
    setEntries(null);
    setNewest(null);
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
        if (call === latest.current) {
          setEntries(answer.presence);
          setNewest(answer.newest_comment_id);
        }
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

  return { others: othersHere(entries ?? initial ?? [], session.user.id), newestCommentId: newest };
}

/**
 * Whether the API knows a newer comment than the conversation shows: only judged when the page
 * holds the whole conversation (otherwise "load more" is the way to the newest ones).
 */
export function conversationBehind(newest: string | null, loaded: readonly { id: string }[], complete: boolean): boolean {
  return newest !== null && complete && !loaded.some((comment) => comment.id === newest);
}

/** "New replies were added…" with a button that reloads the conversation; polite, like presence. */
export function NewerNotice({ behind, onShow }: { behind: boolean; onShow: () => void }) {
  return (
    <div aria-live="polite">
      {behind && (
        <p className="notice">
          {t("presence.newer")}{" "}
          <button type="button" className="link" onClick={onShow}>
            {t("presence.showNewer")}
          </button>
        </p>
      )}
    </div>
  );
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
