// The knowledge base editor's addresses, and who may use it (what the rest of the app needs to know).
export const KB_PATH = "/app/kb";
export const KB_NEW_PATH = "/app/kb/new";
export const KB_ARTICLE_PATH = /^\/app\/kb\/articles\/([^/]+)\/?$/;

/** The address of an article's editor. */
export function articlePath(id: string): string {
  return `${KB_PATH}/articles/${encodeURIComponent(id)}`;
}

/** Whether a path is one of the editor's pages. */
export function isKbPath(path: string): boolean {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === KB_PATH || trimmed === KB_NEW_PATH || KB_ARTICLE_PATH.test(path);
}

/** Whether a role may write the knowledge base (the API's `kb.write`). */
export function editsKb(role: string): boolean {
  return role === "admin" || role === "manager" || role === "agent";
}
