// Links in account mail carry their token in the fragment (#token=dl_...): never sent to a server,
// never in a Referer or an access log. It is read once when the app starts and removed from the
// address bar at once, so it is neither in the history nor in a bookmark or a shared screenshot.
let captured: string | null = null;

/** Read `#token=` from the address, remove the fragment, keep the token in memory. */
export function captureLinkToken(location: Location = window.location, history: History = window.history): void {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  captured = fragment.get("token");
  if (captured === null) return;
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
}

/** The token the page was opened with (null: none). */
export function linkToken(): string | null {
  return captured;
}
