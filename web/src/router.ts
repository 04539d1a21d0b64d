// Client-side routing for the few pages under /app/ (the server answers index.html for all of them).
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

/** The current path (e.g. "/app/reset-password"). */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The current query string (e.g. "?q=printer"), for the pages whose address carries their state. */
export function useQueryString(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

export function navigate(path: string, replace = false): void {
  if (replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  for (const listener of listeners) listener();
}
