// Automation rules in a real browser (tests/local/test_web_rules.py, or
// `python -m chalicelib.local.journeys rules`): a manager opens the rules screen from the
// workspace, builds "subject contains refund -> add tag + priority high" from the schema's
// forms (saved switched off), dry-runs it on a refund ticket, simulates it on the last tickets,
// moves it below another rule with the keyboard-usable buttons, switches it on, and sees it fire
// on a new ticket created through the API (tag and priority on the ticket, executions up).
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_PASSWORD, DESKLESS_MANAGER_EMAIL, DESKLESS_CUSTOMER_EMAIL, DESKLESS_ADMIN_TOKEN; CHROMIUM.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { randomUUID } from "node:crypto";
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");
const RULE = "Refund requests";
const OTHER = "Tag VIP senders";

async function api(method, path, token, body, expected = [200, 201, 204]) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (method === "POST") headers["Idempotency-Key"] = randomUUID();
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  expect(expected.includes(response.status), `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function newTicket(subject) {
  const created = await api("POST", "/tickets", env("DESKLESS_ADMIN_TOKEN"), {
    subject,
    description: `${subject}. Order 4711.`,
    customer_email: env("DESKLESS_CUSTOMER_EMAIL"),
    priority: "normal",
  });
  return created.ticket_number;
}

await main(async (run) => {
  const admin = env("DESKLESS_ADMIN_TOKEN");
  // A refund ticket from before the rule, and another rule to order it against.
  const refund = await newTicket("Refund for a double charge");
  await api("POST", "/automation-rules", admin, {
    name: OTHER,
    trigger_type: "ticket_created",
    trigger_conditions: { all: [{ field: "subject", operator: "contains", value: "vip" }] },
    actions: [{ type: "add_tags", tags: ["vip"] }],
  });

  const { context, page } = await run.newPage();
  await page.goto(`${base}/app/`);
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_MANAGER_EMAIL"));
  await page.getByLabel("Password", { exact: true }).fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Inbox" }).waitFor();
  await page.getByRole("link", { name: "Automation rules", exact: true }).click();
  await page.getByRole("heading", { name: "Automation rules", level: 1 }).waitFor();
  await page.getByRole("cell", { name: OTHER, exact: true }).waitFor();
  await run.audit(page, "rules-list");

  // The builder: every control comes from the schema route.
  const builder = page.getByRole("form", { name: "New rule" });
  await builder.getByLabel("Name").fill(RULE);
  await builder.getByLabel("When").selectOption("ticket_created");
  await builder.getByRole("group", { name: "All of these conditions" }).getByRole("button", { name: "Add a condition" }).click();
  const condition = builder.getByRole("group", { name: "Condition 1" });
  await condition.getByLabel("Field").selectOption("subject");
  await condition.getByLabel("Operator").selectOption("contains");
  await condition.getByLabel("Value").fill("refund");
  await builder.getByRole("button", { name: "Add an action" }).click();
  const tag = builder.getByRole("group", { name: "Action 1" });
  await tag.getByLabel("Action", { exact: true }).selectOption("add_tags");
  await tag.getByLabel(/^tags/).fill("refund");
  await builder.getByRole("button", { name: "Add an action" }).click();
  const priority = builder.getByRole("group", { name: "Action 2" });
  await priority.getByLabel("Action", { exact: true }).selectOption("set_priority");
  // Saved without a priority first: the API's 422 is shown at the parameter.
  await builder.getByLabel("Active", { exact: true }).uncheck();
  await builder.getByRole("button", { name: "Save rule" }).click();
  await builder.getByText("The rule was not saved: see the marked fields.").waitFor();
  const invalidPriority = await priority.getByLabel("priority", { exact: true }).getAttribute("aria-invalid");
  expect(invalidPriority === "true", `the priority was not marked invalid (${invalidPriority})`);
  await priority.getByLabel("priority", { exact: true }).selectOption("high");
  await builder.getByRole("button", { name: "Save rule" }).click();
  await page.getByText("Rule saved.").waitFor();
  await run.audit(page, "rule-builder");
  const saved = (await api("GET", "/automation-rules", admin)).items.find((rule) => rule.name === RULE);
  expect(saved && saved.is_active === false, "the rule was not saved switched off");

  // Dry run on the refund ticket.
  const dry = page.getByRole("region", { name: "Dry run" });
  await dry.getByLabel("Ticket number").fill(refund);
  await dry.getByRole("button", { name: "Try on this ticket" }).click();
  await dry.getByText("The rule matches this ticket.").waitFor();
  await dry.getByText("add_tags tags=refund — would apply").waitFor();
  await run.audit(page, "dry-run");

  // Simulation over the last tickets: the refund ticket matched, nothing changed.
  const simulation = page.getByRole("region", { name: "Simulate on the last tickets" });
  await simulation.getByLabel("How many tickets").fill("20");
  await simulation.getByRole("button", { name: "Simulate on the last 20 tickets" }).click();
  await simulation.getByText(/of 20 tickets matched/).waitFor();
  const row = simulation.getByRole("row").filter({ hasText: refund });
  await row.getByRole("cell", { name: "yes", exact: true }).waitFor();
  await run.audit(page, "simulation");
  const untouched = await api("GET", `/tickets/${refund}`, admin);
  expect(!untouched.tags.includes("refund") && untouched.priority === "normal", "the simulation changed the ticket");

  // Reorder with the keyboard-usable buttons, then switch the rule on from the list.
  await page.getByRole("button", { name: `Move “${RULE}” down`, exact: true }).click();
  await page.getByText("Order saved.").waitFor();
  const ordered = (await api("GET", "/automation-rules", admin)).items.map((rule) => rule.name);
  // A controlled checkbox: it shows the rule as the API answers it, so a click, then the new state.
  await page.getByRole("checkbox", { name: `Rule “${RULE}” is active`, exact: true }).click();
  await page.getByRole("checkbox", { name: `Rule “${RULE}” is active`, exact: true, checked: true }).waitFor();

  // A new matching ticket through the API: the rule fires.
  const fresh = await newTicket("Please refund my annual plan");
  let fired = null;
  for (let i = 0; i < 40 && fired === null; i++) {
    const now = await api("GET", `/tickets/${fresh}`, admin);
    if (now.tags.includes("refund")) fired = now;
    else await page.waitForTimeout(250);
  }
  expect(fired !== null, "the rule did not fire on the new ticket");
  await page.reload();
  const ruleRow = page.getByRole("row").filter({ hasText: RULE });
  await ruleRow.getByRole("cell", { name: "1", exact: true }).first().waitFor();
  await run.audit(page, "rules-fired");
  await context.close();
  return { rule: saved.id, refund, fresh, ordered, tags: fired.tags, priority: fired.priority };
});
