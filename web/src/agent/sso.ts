// The organization the agent signed in to, kept in sessionStorage (this tab only): the header shows
// it, and single sign-on needs it again on the callback page after the identity provider's redirect.
const KEY = "deskless.organization";

export function rememberOrganization(slug: string): void {
  const value = slug.trim().toLowerCase();
  if (value) sessionStorage.setItem(KEY, value);
}

export function organizationSlug(): string | null {
  return sessionStorage.getItem(KEY);
}

/** Where the identity provider sends the browser back to (docs/api.md, "SSO"). */
export function callbackUrl(): string {
  return `${window.location.origin}/app/sso/callback`;
}
