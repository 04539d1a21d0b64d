// The admin pages' addresses, for the rest of the app without loading the pages.
export const ADMIN_SETTINGS = "/app/admin/settings";
export const ADMIN_PEOPLE = "/app/admin/people";
export const ADMIN_DEPARTMENTS = "/app/admin/departments";
export const ADMIN_CUSTOMERS = "/app/admin/customers";
