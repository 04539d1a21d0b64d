// Tickets as they really arrive, in a real browser (tests/local/test_web_tickets24.py, or
// `python -m chalicelib.local.journeys tickets24`): on one of their tickets an agent copies in a
// colleague of the requester, follows the ticket, logs time, links a child ticket, puts it in a
// department and splits a message off into a new ticket (which opens); then, from the inbox,
// merges a duplicate into the ticket after seeing the merge's preview. The pytest side checks what the API holds afterwards.
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_PASSWORD, DESKLESS_AGENT_EMAIL, DESKLESS_CUSTOMER_EMAIL, DESKLESS_ADMIN_TOKEN; CHROMIUM.
// The journey creates its own tickets through the API. Output: one JSON line of what was seen.
import { randomUUID } from "node:crypto";
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");
const CC = "facilities.lead@acme.example.com";
const SPLIT_TEXT = "Separate thing: the whiteboard in room 7 is cracked as well.";
const SPLIT_SUBJECT = "Whiteboard in room 7 is cracked";
const DEPARTMENT = "Customer Support"; // the demo organization's department (chalicelib/local/demo.py)

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

/** The agent's three tickets: the main one (with a message to split off), its duplicate, a child. */
async function setUp(agent) {
  const admin = env("DESKLESS_ADMIN_TOKEN");
  const subjects = ["Projector in room 7 is dead", "Projector room 7 not working (again)", "Replace the HDMI cabling in room 7"];
  const tickets = [];
  for (const subject of subjects) {
    const created = await api("POST", "/tickets", admin, {
      subject,
      description: `${subject}. Needed for Thursday's board meeting.`,
      customer_email: env("DESKLESS_CUSTOMER_EMAIL"),
      assigned_agent_id: agent.user.id,
      // The seeded week already fills the agent's capacity: the admin assigns past it.
      force: true,
    });
    tickets.push({ number: created.ticket_number, subject });
  }
  await api("POST", `/tickets/${tickets[0].number}/comments`, admin, { content: SPLIT_TEXT, comment_type: "public" });
  return tickets;
}

/** Nothing on the page is wider than the window (no horizontal scrollbar at the 1280 px viewport). */
async function expectNoHorizontalOverflow(page, screen) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth <= innerWidth, `${screen}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
}

async function signIn(page) {
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_AGENT_EMAIL"));
  await page.getByLabel("Password", { exact: true }).fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

await main(async (run) => {
  const agent = await api("POST", "/auth/login", null, { organization: env("DESKLESS_ORG"), email: env("DESKLESS_AGENT_EMAIL"), password: env("DESKLESS_PASSWORD") });
  const [ticket, duplicate, child] = await setUp(agent);

  const { context, page } = await run.newPage();
  await page.goto(`${base}/app/`);
  await signIn(page);
  await page.getByRole("heading", { name: "Inbox" }).waitFor();
  await page.getByRole("link", { name: `${ticket.number} ${ticket.subject}`, exact: true }).click();
  await page.getByRole("heading", { name: ticket.subject }).waitFor();

  // A CC and a follow.
  const ccs = page.getByRole("region", { name: "CCs", exact: true });
  await ccs.getByLabel("Add CCs (email addresses)").fill(CC);
  await ccs.getByRole("button", { name: "Add CC", exact: true }).click();
  await ccs.getByText(CC, { exact: true }).waitFor();
  const followers = page.getByRole("region", { name: "Followers", exact: true });
  await followers.getByRole("button", { name: "Follow", exact: true }).click();
  await followers.getByRole("button", { name: "Unfollow", exact: true }).waitFor();

  // Time, and a child ticket.
  const time = page.getByRole("region", { name: "Time", exact: true });
  await time.getByLabel("Minutes").fill("25");
  await time.getByLabel("Note").fill("Checked the lamp and the cabling");
  await time.getByRole("button", { name: "Log time", exact: true }).click();
  await time.getByText("Checked the lamp and the cabling").waitFor();
  await time.locator("dd").filter({ hasText: "25 min" }).first().waitFor();
  const links = page.getByRole("region", { name: "Linked tickets", exact: true });
  await links.getByLabel("The other ticket is").selectOption("child");
  await links.getByLabel("Ticket number").fill(child.number);
  await links.getByRole("button", { name: "Link", exact: true }).click();
  await links.getByRole("link", { name: `${child.number} ${child.subject}`, exact: true }).waitFor();
  // The department, saved with the ticket's version.
  const fields = page.getByRole("region", { name: "Properties", exact: true });
  await fields.getByLabel("Department").selectOption({ label: DEPARTMENT });
  await fields.getByText("Saved.", { exact: true }).waitFor();
  await expectNoHorizontalOverflow(page, "the ticket page with its relations");
  await run.audit(page, "ticket-relations");

  // Split a message off: confirmed, then the new ticket opens.
  const message = page.locator("li.message").filter({ hasText: SPLIT_TEXT });
  await message.getByRole("button", { name: "Split into new ticket", exact: true }).click();
  const split = page.getByRole("dialog", { name: "Split into a new ticket" });
  await split.getByLabel("Subject of the new ticket (optional)").fill(SPLIT_SUBJECT);
  await split.getByRole("button", { name: "Split and open the new ticket", exact: true }).click();
  await page.getByRole("heading", { name: SPLIT_SUBJECT }).waitFor();
  await page.getByRole("region", { name: "Linked tickets", exact: true }).getByRole("link", { name: new RegExp(`^${ticket.number} `) }).waitFor();
  const splitNumber = decodeURIComponent(new URL(page.url()).pathname.split("/").pop());
  await run.audit(page, "split-ticket");

  // Merge the duplicate into the main ticket from the inbox: the preview first.
  await page.getByRole("link", { name: "Inbox", exact: true }).click();
  await page.getByRole("heading", { name: "Inbox" }).waitFor();
  await page.getByRole("checkbox", { name: `Select ${ticket.number}`, exact: true }).check();
  await page.getByRole("checkbox", { name: `Select ${duplicate.number}`, exact: true }).check();
  await expectNoHorizontalOverflow(page, "the inbox");
  await page.getByRole("button", { name: "Merge tickets (2)", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Merge 2 tickets" });
  await dialog.getByRole("radio", { name: `${ticket.number} ${ticket.subject}`, exact: true }).check();
  await dialog.getByRole("button", { name: "Preview the merge", exact: true }).click();
  await dialog.getByText(`Closed and merged: ${duplicate.number} ${duplicate.subject}`, { exact: true }).waitFor();
  await dialog.getByText(`CCs afterwards: ${CC}`, { exact: true }).waitFor();
  await run.audit(page, "merge-preview");
  const beforeConfirm = await api("GET", `/tickets/${duplicate.number}`, agent.token);
  expect(beforeConfirm.merged_into === null, "the preview merged the ticket");
  await dialog.getByRole("button", { name: `Merge into ${ticket.number}`, exact: true }).click();
  await page.getByText(`${duplicate.number} merged into ${ticket.number}.`, { exact: true }).waitFor();
  await context.close();
  return { ticket: ticket.number, duplicate: duplicate.number, child: child.number, split: splitNumber, cc: CC, agentId: agent.user.id, splitSubject: SPLIT_SUBJECT, department: DEPARTMENT };
});
