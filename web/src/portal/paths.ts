// The portal's addresses: /app/portal/<slug>/<page>. One organization's help centre and requests
// per slug; the slug is public (it is also the organization's sign-in name).
export const PORTAL_PREFIX = "/app/portal/";

export type PortalRoute =
  | { page: "home" }
  | { page: "category"; id: string }
  | { page: "article"; id: string }
  | { page: "sign-in" }
  | { page: "register" }
  | { page: "requests" }
  | { page: "new-request" }
  | { page: "request"; number: string }
  | { page: "not-found" };

/** The address of a portal page (`rest` parts are URL-encoded). */
export function portalPath(slug: string, ...rest: string[]): string {
  const tail = rest.map((part) => encodeURIComponent(part)).join("/");
  return `${PORTAL_PREFIX}${encodeURIComponent(slug)}/${tail}`;
}

/** The slug and page of a portal address, or null for any other address. */
export function parsePortalPath(path: string): { slug: string; route: PortalRoute } | null {
  if (!path.startsWith(PORTAL_PREFIX)) return null;
  const parts = path
    .slice(PORTAL_PREFIX.length)
    .split("/")
    .filter((part) => part !== "");
  if (parts.length === 0) return null;
  let decoded: string[];
  try {
    decoded = parts.map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
  const [slug, ...rest] = decoded;
  return { slug, route: routeOf(rest) };
}

function routeOf(rest: string[]): PortalRoute {
  const [first, second, ...more] = rest;
  if (more.length > 0) return { page: "not-found" };
  if (first === undefined) return { page: "home" };
  if (second === undefined) {
    if (first === "sign-in") return { page: "sign-in" };
    if (first === "register") return { page: "register" };
    if (first === "requests") return { page: "requests" };
    return { page: "not-found" };
  }
  if (first === "categories") return { page: "category", id: second };
  if (first === "articles") return { page: "article", id: second };
  if (first === "requests") return second === "new" ? { page: "new-request" } : { page: "request", number: second };
  return { page: "not-found" };
}

/** The portal's sign-in page for a portal address (null for other addresses). */
export function portalSignInFor(path: string): string | null {
  const parsed = parsePortalPath(path);
  return parsed === null ? null : portalPath(parsed.slug, "sign-in");
}

// The pages a customer may open outside the portal: the links in their mail.
const CUSTOMER_LINK_PAGES = new Set(["/app/sign-in", "/app/ticket", "/app/rate", "/app/verify-email", "/app/reset-password", "/app/accept-invitation"]);

/** Whether a customer's session belongs on `path` (the portal and the mailed links; not the staff pages). */
export function isCustomerPage(path: string): boolean {
  return path.startsWith(PORTAL_PREFIX) || CUSTOMER_LINK_PAGES.has(path.replace(/\/+$/, ""));
}
