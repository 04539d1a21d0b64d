import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { setLanguage } from "../i18n";
import type { Session } from "../session";
import { AdminPage } from "./Admin";

vi.setConfig({ testTimeout: 30_000 });
const WAIT = { timeout: 5000 };
const session = {
  token: "tok",
  expiresAt: "2999-01-01T00:00:00.000000Z",
  user: { id: "u-1", email: "a@x.example", first_name: "Ada", last_name: "Admin", role: "admin" },
} as unknown as Session;
const CUSTOMER = { id: "c1", user_id: "u9", company: "Acme", phone: null, tags: ["key"], version: 4 };
const ACCOUNT = { id: "u9", role: "customer", customer_tier: "standard", version: 3 };

let writes: { method: string; path: string; ifMatch: string | null; body: unknown }[] = [];

beforeEach(() => {
  setLanguage("en");
  writes = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const path = new URL(url, "http://x").pathname;
    if (init.method !== "GET") {
      writes.push({ method: init.method ?? "", path, ifMatch: (init.headers as Record<string, string>)["If-Match"] ?? null, body: JSON.parse(String(init.body)) });
    }
    const body = path === "/customers" ? { items: [CUSTOMER], next_cursor: null } : path === "/users/u9" ? ACCOUNT : CUSTOMER;
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

it("edits a customer's company and their account's tier, each with its own If-Match", async () => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AdminPage session={session} path="/app/admin/customers" />
    </QueryClientProvider>,
  );
  fireEvent.click(await screen.findByRole("button", { name: "Edit Acme" }, WAIT));
  fireEvent.change(screen.getByLabelText("Company"), { target: { value: "Acme Ltd" } });
  fireEvent.change(await screen.findByLabelText("Tier", {}, WAIT), { target: { value: "vip" } });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  await screen.findByRole("button", { name: "Edit Acme" }, WAIT);
  expect(writes).toEqual([
    { method: "PATCH", path: "/users/u9", ifMatch: '"3"', body: { customer_tier: "vip" } },
    { method: "PATCH", path: "/customers/c1", ifMatch: '"4"', body: { company: "Acme Ltd", phone: null, tags: ["key"] } },
  ]);
});
