// The field screens' addresses.
export const DISPATCH_PATH = "/app/dispatch";
export const MY_JOBS_PATH = "/app/my-jobs";
export const WORK_ORDER_PATH = /^\/app\/work-orders\/([^/]+)\/?$/;

export function workOrderPath(number: string): string {
  return `/app/work-orders/${encodeURIComponent(number)}`;
}

/** Roles that dispatch (the API's `workorders.dispatch`): admins and managers. */
export function dispatches(role: string): boolean {
  return role === "admin" || role === "manager";
}
