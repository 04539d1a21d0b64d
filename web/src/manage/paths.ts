// What the rest of the app needs to know of the managers' pages without loading them (the reports
// page and its charting library are a lazy chunk).
import type { Session } from "../session";

export const REPORTS_PATH = "/app/manage/reports";

/** Whether a role may read the reports (the API's `reports.read`). */
export function mayReadReports(role: Session["user"]["role"]): boolean {
  return role === "admin" || role === "manager";
}
