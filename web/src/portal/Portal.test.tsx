import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { captureLinkToken } from "../linkToken";
import { endSession, startSession } from "../session";
import { SEARCH_DELAY_MS } from "./HelpCentre";
import { SUGGEST_DELAY_MS, Suggestions } from "./NewRequest";

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

type Routes = Record<string, unknown>;

const portalInfo = {
  slug: "demo",
  name: "Demo Support Co",
  default_language: "en",
  customer_registration: "open",
  sign_in: { password: true, email_link: true },
  sso: { enabled: false },
  custom_fields: [],
};

/** A fetch answering by "METHOD /path" (query string ignored); anything else is a 404. */
function api(routes: Routes) {
  const all: Routes = { "GET /portal/demo": portalInfo, ...routes };
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const key = `${init?.method ?? "GET"} ${url.split("?")[0]}`;
    if (all[key] === null) return new Response(null, { status: 204 });
    if (key in all) return answer(200, all[key]);
    return answer(404, { error: { code: "not_found", message: key, details: [] } });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

/** Let fake timers run `ms`, then the answers they started settle and render. */
async function pass(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  await act(async () => {
    await vi.advanceTimersByTimeAsync(20);
  });
}

const urls = (fetch: ReturnType<typeof api>) => fetch.mock.calls.map(([url]) => url as string);
const customer = { id: "c1", email: "c@x.example", first_name: "C", last_name: "D", role: "customer", language: "en", timezone: "UTC" };
const article = {
  id: "a1",
  category_id: "k1",
  title: "<img src=x onerror=alert(1)> Reset",
  updated_at: "2026-11-01T10:00:00.000000Z",
  content_html: "<p>Use <strong>Forgot password</strong>.</p>",
};

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  endSession();
  sessionStorage.clear();
});

function openApp(path: string) {
  window.history.replaceState(null, "", path);
  render(wrap(<App />));
}

describe("suggestions as the subject is typed", () => {
  it("ask the API once, when typing pauses, with the settled subject", async () => {
    vi.useFakeTimers();
    const fetch = api({ "GET /kb/suggestions": { items: [{ id: "a1", title: "Printer jams" }], next_cursor: null } });
    const { rerender } = render(wrap(<Suggestions slug="demo" token="tk" subject="" onDeflected={() => undefined} />));
    for (const subject of ["pr", "pri", "prin", "printer"]) {
      rerender(wrap(<Suggestions slug="demo" token="tk" subject={subject} onDeflected={() => undefined} />));
      await act(async () => {
        await vi.advanceTimersByTimeAsync(SUGGEST_DELAY_MS / 4);
      });
    }
    expect(fetch).not.toHaveBeenCalled();
    await pass(SUGGEST_DELAY_MS);
    expect(urls(fetch)).toEqual(["/kb/suggestions?q=printer"]);
    expect(screen.getByRole("link", { name: "Printer jams" }).getAttribute("href")).toBe("/app/portal/demo/articles/a1");
  });

  it("count a deflection when the customer says an article answered the question", async () => {
    const fetch = api({
      "GET /kb/suggestions": { items: [{ id: "a1", title: "Printer jams" }], next_cursor: null },
      "POST /kb/articles/a1/deflection": null,
    });
    const onDeflected = vi.fn();
    render(wrap(<Suggestions slug="demo" token="tk" subject="printer jams" onDeflected={onDeflected} />));
    fireEvent.click(await screen.findByRole("button", { name: "This answers my question" }));
    await vi.waitFor(() => expect(onDeflected).toHaveBeenCalled());
    const [, init] = fetch.mock.calls[1];
    expect(init?.method).toBe("POST");
    expect(JSON.parse(init?.body as string)).toEqual({ query: "printer jams" });
  });
});

describe("the help centre", () => {
  it("searches as the visitor types, through the public portal routes", async () => {
    vi.useFakeTimers();
    const fetch = api({
      "GET /portal/demo/kb/categories": { items: [{ id: "k1", name: "Accounts", description: "Signing in", parent_id: null, sort_order: 0 }], next_cursor: null },
      "GET /portal/demo/kb/search": { items: [{ id: "a1", title: "Resetting a password" }], next_cursor: null },
    });
    openApp("/app/portal/demo/");
    await pass(10);
    expect(screen.getByRole("link", { name: "Accounts" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Search the help centre"), { target: { value: "pass" } });
    fireEvent.change(screen.getByLabelText("Search the help centre"), { target: { value: "password" } });
    await pass(SEARCH_DELAY_MS);
    expect(screen.getByRole("link", { name: "Resetting a password" })).toBeTruthy();
    expect(urls(fetch).filter((url) => url.includes("search"))).toEqual(["/portal/demo/kb/search?q=password&limit=10"]);
    expect(fetch.mock.calls.every(([, init]) => !(init?.headers as Record<string, string>).Authorization)).toBe(true);
  });

  it("injects only the article's sanitised HTML; its title stays text", async () => {
    api({ "GET /portal/demo/kb/articles/a1": article, "POST /portal/demo/kb/articles/a1/feedback": article });
    openApp("/app/portal/demo/articles/a1");
    const heading = await screen.findByRole("heading", { level: 1, name: article.title });
    expect(heading.innerHTML).not.toContain("<img");
    expect(document.querySelector(".portal-article strong")?.textContent).toBe("Forgot password");
    expect(document.querySelector("img")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Yes, it helped" }));
    expect(await screen.findByText("Thank you for your feedback.")).toBeTruthy();
  });
});

describe("the portal's language and name", () => {
  it("is the organization's for a visitor, and an unknown slug says so", async () => {
    api({ "GET /portal/demo": { ...portalInfo, default_language: "de" }, "GET /portal/demo/kb/categories": { items: [], next_cursor: null } });
    openApp("/app/portal/demo/");
    expect(await screen.findByRole("heading", { level: 1, name: "Wie können wir helfen?" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Demo Support Co" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("de");
    cleanup();
    openApp("/app/portal/nowhere/");
    expect(await screen.findByText("There is no help centre at this address.")).toBeTruthy();
  });
});

describe("requests", () => {
  it("ask an anonymous visitor to sign in, and come back to the page after", async () => {
    api({ "GET /portal/demo/kb/categories": { items: [], next_cursor: null } });
    openApp("/app/portal/demo/requests/new");
    expect(await screen.findByText("Sign in to see your requests or open a new one.")).toBeTruthy();
    expect(sessionStorage.getItem("deskless.return_to")).toBe("/app/portal/demo/requests/new");
  });

  it("never show another organization's customer this portal's requests", async () => {
    startSession({ token: "tk", expires_at: "2999-01-01T00:00:00.000000Z", user: customer } as never);
    const fetch = api({ "GET /auth/me": { user: customer, organization: { id: "o2", name: "Other", slug: "other", is_active: true }, permissions: [] } });
    openApp("/app/portal/demo/requests");
    expect(await screen.findByText(/signed in to another organization/)).toBeTruthy();
    expect(urls(fetch)).not.toContain("/tickets?limit=25&sort=-updated_at");
  });

  it("list a customer's own requests with their status", async () => {
    startSession({ token: "tk", expires_at: "2999-01-01T00:00:00.000000Z", user: customer } as never);
    api({
      "GET /auth/me": { user: customer, organization: { id: "o1", name: "Demo", slug: "demo", is_active: true }, permissions: [] },
      "GET /tickets": {
        items: [{ ticket_number: "T-7", subject: "Printer", status: "pending", updated_at: "2026-11-01T10:00:00.000000Z" }],
        next_cursor: null,
      },
    });
    openApp("/app/portal/demo/requests");
    expect((await screen.findByRole("link", { name: "Printer" })).getAttribute("href")).toBe("/app/portal/demo/requests/T-7");
    expect(screen.getByText("Awaiting your reply")).toBeTruthy();
  });

  it("return after a portal sign-in only to a page of that portal", async () => {
    sessionStorage.setItem("deskless.return_to", "/app/portal/other/requests");
    api({
      "POST /auth/login": { token: "tk", expires_at: "2999-01-01T00:00:00.000000Z", user: customer },
      "GET /auth/me": { user: customer, organization: { id: "o1", name: "Demo", slug: "demo", is_active: true }, permissions: [] },
      "GET /tickets": { items: [], next_cursor: null },
    });
    openApp("/app/portal/demo/sign-in");
    const form = await screen.findByRole("region", { name: "Sign in with your password" });
    fireEvent.change(within(form).getByLabelText("Email"), { target: { value: "c@x.example" } });
    fireEvent.change(within(form).getByLabelText("Password"), { target: { value: "pw" } });
    fireEvent.click(within(form).getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("You have no requests yet.")).toBeTruthy();
    expect(window.location.pathname).toBe("/app/portal/demo/requests");
  });

  it("open a ticket link's request in the customer's portal", async () => {
    window.history.replaceState(null, "", "/app/ticket#token=dl_ticket");
    captureLinkToken();
    const fetch = api({
      "POST /auth/ticket-link": { token: "tk", expires_at: "2999-01-01T00:00:00.000000Z", user: customer },
      "GET /auth/me": { user: customer, organization: { id: "o1", name: "Demo", slug: "demo", is_active: true }, permissions: [] },
      "GET /tickets": { items: [{ ticket_number: "T-9" }], next_cursor: null },
    });
    render(wrap(<App />));
    await vi.waitFor(() => expect(window.location.pathname).toBe("/app/portal/demo/requests/T-9"));
    expect(fetch.mock.calls.filter(([url]) => url === "/auth/ticket-link")).toHaveLength(1);
  });

  it("send a customer who opens a staff page to their portal", async () => {
    startSession({ token: "tk", expires_at: "2999-01-01T00:00:00.000000Z", user: customer } as never);
    api({
      "GET /auth/me": { user: customer, organization: { id: "o1", name: "Demo", slug: "demo", is_active: true }, permissions: [] },
      "GET /tickets": { items: [], next_cursor: null },
    });
    openApp("/app/");
    expect(await screen.findByText("You have no requests yet.")).toBeTruthy();
    expect(window.location.pathname).toBe("/app/portal/demo/requests");
  });

  const me = { user: customer, organization: { id: "o1", name: "Demo", slug: "demo", is_active: true }, permissions: [] };
  const detail = (status: string, score: number | null) => ({
    ticket_number: "T-7",
    subject: "Printer",
    description: "It jams.",
    status,
    created_at: "2026-11-01T10:00:00.000000Z",
    customer_satisfaction_score: score,
    comments: [{ id: "m1", author_id: "agent", content: "Fixed <b>now</b>", comment_type: "public", created_at: "2026-11-02T10:00:00.000000Z" }],
    attachments: [],
  });

  it("rate a solved request from its page", async () => {
    startSession({ token: "tk", expires_at: "2999-01-01T00:00:00.000000Z", user: customer } as never);
    const fetch = api({ "GET /auth/me": me, "GET /tickets/T-7": detail("solved", null), "POST /tickets/T-7/satisfaction": detail("solved", 4) });
    openApp("/app/portal/demo/requests/T-7");
    expect(await screen.findByText("Fixed <b>now</b>")).toBeTruthy();
    fireEvent.click(screen.getByLabelText("4 – satisfied"));
    fireEvent.click(screen.getByRole("button", { name: "Send the rating" }));
    await vi.waitFor(() => expect(urls(fetch)).toContain("/tickets/T-7/satisfaction"));
    const [, init] = fetch.mock.calls.find(([url]) => url === "/tickets/T-7/satisfaction") ?? [];
    expect(JSON.parse(init?.body as string)).toEqual({ score: 4, comment: null });
  });

  it("follow a reply to a closed request to the follow-up the API opened", async () => {
    startSession({ token: "tk", expires_at: "2999-01-01T00:00:00.000000Z", user: customer } as never);
    api({
      "GET /auth/me": me,
      "GET /tickets/T-7": detail("closed", 5),
      "GET /tickets/T-8": { ...detail("new", null), ticket_number: "T-8", subject: "Printer again" },
      "POST /tickets/T-7/comments": { comment: { id: "m2" }, ticket: { ticket_number: "T-8" } },
    });
    openApp("/app/portal/demo/requests/T-7");
    expect(await screen.findByText("This request is closed: your reply opens a new request linked to it.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Your message"), { target: { value: "It is back." } });
    fireEvent.click(screen.getByRole("button", { name: "Send the reply" }));
    expect(await screen.findByRole("heading", { level: 1, name: "T-8: Printer again" })).toBeTruthy();
    expect(window.location.pathname).toBe("/app/portal/demo/requests/T-8");
  });
});
