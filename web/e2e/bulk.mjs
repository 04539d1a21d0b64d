// Shared work in the agent workspace, in a real browser (tests/local/test_web_bulk.py, or
// `python -m chalicelib.local.journeys bulk`): an agent ticks two of their tickets and raises their
// priority from the bulk bar (a result per ticket); on one of them previews and applies a macro
// (priority, tag, a reply to the requester from a template) and sees the reply; a manager
// (through the API) is on the same ticket, shown as "Also here", and replies while the agent
// writes: the agent is warned with the newer reply and sends anyway; leaving the ticket removes
// the agent from the manager's view of it.
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_PASSWORD, DESKLESS_AGENT_EMAIL, DESKLESS_MANAGER_EMAIL, DESKLESS_CUSTOMER_EMAIL,
// DESKLESS_ADMIN_TOKEN; CHROMIUM. The journey creates its own tickets and macro through the API.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { randomUUID } from "node:crypto";
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");
const HEARTBEAT_WAIT = 45_000; // the page beats every 20 s
const MACRO = "Replacement part ordered";

/** One API call; the parsed body (null for 204), failing the journey on an unexpected status. */
async function api(method, path, token, body, expected = [200, 201, 204]) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (method === "POST") headers["Idempotency-Key"] = randomUUID();
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  expect(expected.includes(response.status), `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function login(email) {
  return api("POST", "/auth/login", null, { organization: env("DESKLESS_ORG"), email, password: env("DESKLESS_PASSWORD") });
}

async function signIn(page, organization, email, password) {
  await page.getByLabel("Organization").fill(organization);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Two tickets of the agent's, and the agent's personal macro. */
async function setUp(agent) {
  const admin = env("DESKLESS_ADMIN_TOKEN");
  const subjects = ["Projector in room 5 flickers", "Projector remote in room 5 is missing"];
  const tickets = [];
  for (const subject of subjects) {
    const created = await api("POST", "/tickets", admin, {
      subject,
      description: `${subject}. Needed for Monday's training.`,
      customer_email: env("DESKLESS_CUSTOMER_EMAIL"),
      assigned_agent_id: agent.user.id,
      // The seeded week already fills the agent's capacity: the admin assigns past it.
      force: true,
      priority: "normal",
    });
    tickets.push({ number: created.ticket_number, subject, customerId: created.customer_id });
  }
  const macro = await api("POST", "/macros", agent.token, {
    name: MACRO,
    description: "Tell the requester the part is on its way, and raise the priority.",
    scope: "personal",
    actions: [
      { type: "set_priority", priority: "urgent" },
      { type: "add_tags", tags: ["parts"] },
      { type: "reply_to_requester", template: "Hi {{requester.first_name}}, the replacement part for {{ticket.ticket_number}} is ordered. {{agent.first_name}}" },
    ],
  });
  return { tickets, macro };
}

await main(async (run) => {
  const agent = await login(env("DESKLESS_AGENT_EMAIL"));
  const manager = await login(env("DESKLESS_MANAGER_EMAIL"));
  const managerName = `${manager.user.first_name} ${manager.user.last_name}`;
  const { tickets } = await setUp(agent);
  const [first, second] = tickets;

  const { context, page } = await run.newPage();
  await page.goto(`${base}/app/`);
  await signIn(page, env("DESKLESS_ORG"), env("DESKLESS_AGENT_EMAIL"), env("DESKLESS_PASSWORD"));
  await page.getByRole("heading", { name: "Inbox" }).waitFor();

  // Bulk: tick both tickets (a click, then x on the focused row), raise their priority.
  await page.getByRole("checkbox", { name: `Select ${first.number}`, exact: true }).check();
  await page.getByRole("link", { name: `${second.number} ${second.subject}`, exact: true }).focus();
  await page.keyboard.press("x");
  const bar = page.getByRole("region", { name: "Selected: 2", exact: true });
  await bar.waitFor();
  await run.audit(page, "bulk-bar");
  await bar.getByLabel("Priority").selectOption("high");
  await bar.getByRole("button", { name: "Apply to selected (2)", exact: true }).click();
  const results = page.getByRole("region", { name: "Bulk change results", exact: true });
  await results.getByText("Applied: 2. Unchanged: 0. Failed: 0.").waitFor();
  for (const ticket of tickets) {
    await results.getByRole("listitem").filter({ hasText: `${ticket.number} ${ticket.subject}: applied` }).waitFor();
  }
  // Every ticket applied: the selection is cleared and the bar goes.
  await page.getByRole("region", { name: /^Selected/ }).waitFor({ state: "detached" });
  await run.audit(page, "bulk-results");
  const priorities = [];
  for (const ticket of tickets) priorities.push((await api("GET", `/tickets/${ticket.number}`, agent.token)).priority);

  // A macro on one ticket: preview (nothing written yet), then apply.
  await page.getByRole("link", { name: `${first.number} ${first.subject}`, exact: true }).click();
  await page.getByRole("heading", { name: first.subject }).waitFor();
  await page.getByRole("button", { name: MACRO, exact: true }).click();
  const preview = page.getByRole("dialog", { name: `Preview: ${MACRO}` });
  await preview.getByText("Priority High → Urgent").waitFor();
  const requester = await api("GET", `/users/${first.customerId}`, env("DESKLESS_ADMIN_TOKEN"));
  const replyText = `Hi ${requester.first_name}, the replacement part for ${first.number} is ordered. ${agent.user.first_name}`;
  await preview.getByText(replyText, { exact: true }).waitFor();
  await run.audit(page, "macro-preview");
  const beforeApply = await api("GET", `/tickets/${first.number}`, agent.token);
  expect(beforeApply.priority === "high" && beforeApply.comments.length === 0, "the preview changed the ticket");
  await preview.getByRole("button", { name: "Apply", exact: true }).click();
  await page.getByRole("status").filter({ hasText: `Macro “${MACRO}” applied.` }).waitFor();
  const macroReply = page.locator("li.message.public").filter({ hasText: replyText });
  await macroReply.waitFor();
  await page.getByLabel("Priority").locator("option:checked").filter({ hasText: "Urgent" }).waitFor({ state: "attached" });

  // The manager is on the ticket too (heartbeat through the API); the agent starts a reply.
  await api("POST", `/tickets/${first.number}/presence`, manager.token, { state: "viewing" });
  await page.getByLabel("Reply to the requester").fill("The technician will fit it on Friday.");
  const alsoHere = page.getByText(`Also here: ${managerName} (viewing)`, { exact: true });
  await alsoHere.waitFor({ timeout: HEARTBEAT_WAIT });
  const seenByManager = await api("GET", `/tickets/${first.number}`, manager.token);
  const agentEntry = (seenByManager.presence ?? []).find((entry) => entry.user_id === agent.user.id);
  expect(agentEntry?.state === "replying", `the manager sees the agent as ${JSON.stringify(agentEntry)}`);
  await run.audit(page, "ticket-presence");

  // The manager replies meanwhile: the agent's send is held with the newer reply shown.
  const managerReply = "Manager here: I phoned them, Friday suits.";
  await api("POST", `/tickets/${first.number}/comments`, manager.token, { content: managerReply, comment_type: "public" });
  await page.getByRole("button", { name: "Send reply", exact: true }).click();
  const warning = page.getByRole("dialog", { name: "New replies since you opened the ticket" });
  await warning.getByText(managerReply).waitFor();
  await run.audit(page, "newer-reply");
  const whileWarned = await api("GET", `/tickets/${first.number}`, agent.token);
  const heldBack = !whileWarned.comments.some((comment) => comment.content === "The technician will fit it on Friday.");
  expect(heldBack, "the warned reply was stored before the agent chose");
  await warning.getByRole("button", { name: "Send anyway", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "Reply sent." }).waitFor();
  await page.locator("li.message.public").filter({ hasText: "The technician will fit it on Friday." }).waitFor();

  // Leaving the ticket: the manager no longer sees the agent there.
  await page.getByRole("link", { name: "Inbox", exact: true }).click();
  await page.getByRole("heading", { name: "Inbox" }).waitFor();
  let gone = false;
  for (let i = 0; i < 20 && !gone; i++) {
    const now = await api("GET", `/tickets/${first.number}`, manager.token);
    gone = !(now.presence ?? []).some((entry) => entry.user_id === agent.user.id);
    if (!gone) await page.waitForTimeout(250);
  }
  expect(gone, "the agent is still shown on the ticket after leaving it");
  await context.close();
  return { tickets: tickets.map((ticket) => ticket.number), priorities, macroReply: replyText, heldBack, left: gone };
});
