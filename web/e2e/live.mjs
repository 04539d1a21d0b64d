// Live updates in a real browser (tests/local/test_web_live.py, or
// `python -m chalicelib.local.journeys live`): an agent has a ticket page open; a reply arrives
// through the API (another person, another client); the page shows it without a reload, carried
// by the tab's WebSocket (the ticket page itself does not poll), and the header says "Live".
// Then the agent's inbox shows a ticket created meanwhile, well before its 20 s poll.
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_PASSWORD, DESKLESS_AGENT_EMAIL, DESKLESS_ADMIN_TOKEN, DESKLESS_SEARCH_TICKET_NUMBER (a
// ticket assigned to the agent); CHROMIUM.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { randomUUID } from "node:crypto";
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");
// Below the inbox's 20 s poll (web/src/agent/Inbox.tsx POLL_MS): only the live event can be this quick.
const LIVE_BOUND_MS = 8_000;

async function api(method, path, body) {
  const headers = { "Content-Type": "application/json", Authorization: `Bearer ${env("DESKLESS_ADMIN_TOKEN")}` };
  if (method === "POST") headers["Idempotency-Key"] = randomUUID();
  const response = await fetch(`${base}${path}`, { method, headers, body: JSON.stringify(body) });
  const text = await response.text();
  expect(response.ok, `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

main(async (run) => {
  const number = env("DESKLESS_SEARCH_TICKET_NUMBER");
  const { page } = await run.newPage();
  let sockets = 0;
  page.on("websocket", () => (sockets += 1));
  await page.goto(`${base}/app/tickets/${number}`);
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_AGENT_EMAIL"));
  await page.getByLabel("Password", { exact: true }).fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  expect(new URL(page.url()).pathname === `/app/tickets/${number}`, `after sign-in: ${page.url()}`);
  const indicator = page.getByRole("status", { name: "Updates: Live" });
  await indicator.waitFor();
  await run.audit(page, "ticket-live");

  // Marks this document: a reload would lose it.
  await page.evaluate(() => {
    window.__desklessLiveMark = true;
  });
  const reply = `Live reply ${randomUUID().slice(0, 8)}`;
  await api("POST", `/tickets/${number}/comments`, { content: reply, comment_type: "public" });
  const sent = Date.now(); // the change is stored: from here to the screen is the live path
  await page.getByText(reply).waitFor({ timeout: LIVE_BOUND_MS });
  const replyMs = Date.now() - sent;
  const sameDocument = await page.evaluate(() => window.__desklessLiveMark === true);
  expect(sameDocument, "the page was reloaded");
  await run.audit(page, "ticket-live-reply");

  // The inbox: a new ticket assigned to the agent appears without waiting for the poll.
  await page.getByRole("link", { name: "Inbox" }).first().click();
  await page.getByRole("table").first().waitFor();
  const subject = `Live ticket ${randomUUID().slice(0, 8)}`;
  const created = Date.now();
  const people = await users();
  const agent = people.find((user) => user.email === env("DESKLESS_AGENT_EMAIL"));
  const customer = people.find((user) => user.role === "customer");
  expect(agent && customer, "the demo agent or a customer is missing");
  await api("POST", "/tickets", { subject, customer_id: customer.id, assigned_agent_id: agent.id });
  await page.getByText(subject).waitFor({ timeout: LIVE_BOUND_MS });
  const inboxMs = Date.now() - created;
  await run.audit(page, "inbox-live");
  return { ticket: number, replyMs, inboxMs, sockets };
});

async function users() {
  const answer = await fetch(`${base}/users?limit=100`, {
    headers: { Authorization: `Bearer ${env("DESKLESS_ADMIN_TOKEN")}` },
  }).then((r) => r.json());
  return answer.items ?? [];
}
