import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import type { Session } from "../session";
import { AdminPage } from "./Admin";

vi.setConfig({ testTimeout: 30_000 });
const WAIT = { timeout: 5000 };

function sessionOf(role: string): Session {
  const user = { id: "u-1", email: "a@x.example", first_name: "Ada", last_name: "Admin", role };
  return { token: "tok", expiresAt: "2999-01-01T00:00:00.000000Z", user } as unknown as Session;
}

const ORG = {
  id: "o1",
  name: "Acme",
  version: 7,
  settings: {
    ticket_number_prefix: "T",
    timezone: "UTC",
    business_hours: { days: [0, 1, 2, 3, 4], start: "09:00", end: "17:00" },
    customer_registration: "off",
    registration_domains: [],
    unassigned_visibility: "all",
    ticket_ccs_from_mail: "add",
    custom_fields: [],
    channel_departments: {},
  },
};

let patches: { ifMatch: string | null; body: unknown }[] = [];
let patchAnswer: { status: number; body: unknown } = { status: 200, body: ORG };

beforeEach(() => {
  setLanguage("en");
  patches = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const path = new URL(url, "http://x").pathname;
    if (path === "/organization" && init.method === "PATCH") {
      patches.push({ ifMatch: (init.headers as Record<string, string>)["If-Match"] ?? null, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify(patchAnswer.body), { status: patchAnswer.status, headers: { "Content-Type": "application/json" } });
    }
    const body =
      path === "/organization"
        ? ORG
        : path === "/departments"
          ? { items: [{ id: "d1", name: "Billing" }], next_cursor: null }
          : { items: [], next_cursor: null };
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderSettings(role = "admin") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AdminPage session={sessionOf(role)} path="/app/admin/settings" />
    </QueryClientProvider>,
  );
}

describe("organization settings", () => {
  it("saves with the version it read as If-Match", async () => {
    patchAnswer = { status: 200, body: { ...ORG, version: 8, settings: { ...ORG.settings, ticket_number_prefix: "ACME" } } };
    renderSettings();
    fireEvent.change(await screen.findByLabelText("Ticket number prefix", {}, WAIT), { target: { value: "ACME" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Saved.", {}, WAIT);
    expect(patches).toHaveLength(1);
    expect(patches[0].ifMatch).toBe('"7"');
    expect(patches[0].body).toMatchObject({ settings: { ticket_number_prefix: "ACME" } });
  });

  it("sends the custom fields and the channels' departments the admin set", async () => {
    patchAnswer = { status: 200, body: ORG };
    renderSettings();
    fireEvent.click(await screen.findByRole("button", { name: "Add a custom field" }, WAIT));
    fireEvent.change(screen.getByLabelText("Name of field 1"), { target: { value: "Contract" } });
    fireEvent.change(screen.getByLabelText("Type of field 1"), { target: { value: "choice" } });
    fireEvent.change(screen.getByLabelText("Choices of field 1 (comma separated)"), { target: { value: "Gold, Silver" } });
    fireEvent.click(screen.getByLabelText("Customers see field 1"));
    await screen.findAllByRole("option", { name: "Billing" }, WAIT);
    fireEvent.change(screen.getByLabelText("From mail"), { target: { value: "d1" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Saved.", {}, WAIT);
    expect(patches[0].body).toMatchObject({
      settings: {
        channel_departments: { email: "d1" },
        custom_fields: [{ name: "Contract", type: "choice", required: false, customer_visible: true, choices: ["Gold", "Silver"] }],
      },
    });
  });

  it("says someone else saved first on 412 and offers a reload", async () => {
    patchAnswer = { status: 412, body: { error: { code: "precondition_failed", message: "stale", details: [] } } };
    renderSettings();
    fireEvent.change(await screen.findByLabelText("Time zone", {}, WAIT), { target: { value: "Europe/Berlin" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    const alert = await screen.findByRole("alert", {}, WAIT);
    expect(alert.textContent).toContain("Someone else saved these settings meanwhile");
    expect(screen.getByRole("button", { name: "Reload" })).toBeTruthy();
  });

  it("shows a 422 detail at its field", async () => {
    const details = [{ field: "settings.ticket_number_prefix", message: "String should match pattern", type: "string_pattern_mismatch" }];
    patchAnswer = { status: 422, body: { error: { code: "invalid_request", message: "invalid", details } } };
    renderSettings();
    const prefix = await screen.findByLabelText("Ticket number prefix", {}, WAIT);
    fireEvent.change(prefix, { target: { value: "bad prefix" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("settings.ticket_number_prefix: String should match pattern", {}, WAIT);
    expect(prefix.getAttribute("aria-invalid")).toBe("true");
    expect(prefix.getAttribute("aria-describedby")).toBe("org-prefix-errors");
  });

  it("refuses a non-admin without asking the API", () => {
    renderSettings("manager");
    expect(screen.getByRole("heading", { name: "Only admins run the organization" })).toBeTruthy();
    expect(patches).toHaveLength(0);
  });

  it("links every admin page in the navigation", async () => {
    renderSettings();
    const nav = await screen.findByRole("navigation", { name: "Administration" }, WAIT);
    const links = Array.from(nav.querySelectorAll("a")).map((a) => a.getAttribute("href"));
    expect(links).toEqual([
      "/app/admin/settings",
      "/app/admin/people",
      "/app/admin/departments",
      "/app/admin/customers",
      "/app/admin/tokens",
      "/app/admin/webhooks",
      "/app/admin/audit",
      "/app/admin/retention",
      "/app/admin/privacy",
      "/app/admin/sso",
    ]);
  });
});
