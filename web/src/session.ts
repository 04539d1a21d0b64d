// The session: in memory, mirrored to sessionStorage (one tab, gone when it closes) so that a reload
// keeps it. Never localStorage (shared by every tab and kept for ever), never in a URL.
import type { Schemas } from "./api/client";

export type Session = {
  token: string;
  expiresAt: string;
  user: Schemas["UserOut"];
};

const KEY = "deskless.session";
const RETURN_KEY = "deskless.return_to";

let current: Session | null = null;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function expired(session: Session, now: number = Date.now()): boolean {
  return Date.parse(session.expiresAt) <= now;
}

/** The session of this tab, or null (none, or expired). */
export function getSession(): Session | null {
  if (current === null) {
    const stored = sessionStorage.getItem(KEY);
    if (stored) {
      try {
        current = JSON.parse(stored) as Session;
      } catch {
        sessionStorage.removeItem(KEY);
      }
    }
  }
  if (current !== null && expired(current)) {
    endSession();
    return null;
  }
  return current;
}

/** Keep the session a sign-in answered (LoginOut). */
export function startSession(answer: { token: string; expires_at: string; user: Schemas["UserOut"] }): void {
  current = { token: answer.token, expiresAt: answer.expires_at, user: answer.user };
  sessionStorage.setItem(KEY, JSON.stringify(current));
  notify();
}

/** Forget the session (sign-out, expiry, or the API refusing it). */
export function endSession(): void {
  const had = current !== null || sessionStorage.getItem(KEY) !== null;
  current = null;
  sessionStorage.removeItem(KEY);
  if (had) notify();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where to go back to after signing in again (a path of this app only). */
export function rememberReturnTo(path: string): void {
  if (path.startsWith("/app/")) sessionStorage.setItem(RETURN_KEY, path);
}

export function takeReturnTo(): string | null {
  const path = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  // Only a path of this app: never an origin or a protocol-relative URL ("//evil.example").
  return path && path.startsWith("/app/") && !path.startsWith("//") ? path : null;
}
