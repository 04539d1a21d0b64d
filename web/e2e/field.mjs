// Field service in a real browser (tests/local/test_web_field.py, or
// `python -m chalicelib.local.journeys field`): a manager on the dispatch board picks the demo work
// order, reads the API's suggestions and assigns the top one; a second work order the same day
// would overload that technician (one job a day, set through the API first) and the API's 422 is
// shown on the board. Then the technician, on a phone-sized screen, accepts, drives, starts and
// completes the job with a note, and sees the work order and its ticket show it completed.
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_PASSWORD, DESKLESS_AGENT_EMAIL (Alex, technician LDN-001 in the demo organization),
// DESKLESS_MANAGER_EMAIL, DESKLESS_ADMIN_TOKEN; CHROMIUM.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { randomUUID } from "node:crypto";
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");
const NOTE = "Fuser replaced, test page printed.";

/** One API call; the parsed body (null for 204), failing the journey on an unexpected status. */
async function api(method, path, token, body, headers = {}) {
  const all = { "Content-Type": "application/json", Authorization: `Bearer ${token}`, ...headers };
  if (method === "POST") all["Idempotency-Key"] = randomUUID();
  const response = await fetch(`${base}${path}`, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  expect(response.ok, `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function signIn(page, email) {
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The demo work order, the technician LDN-001 limited to one job a day, and a second work order that day. */
async function setUp() {
  const admin = env("DESKLESS_ADMIN_TOKEN");
  const technicians = await api("GET", "/technicians?limit=100", admin);
  const alex = technicians.items.find((tech) => tech.employee_id === "LDN-001");
  expect(alex, "the demo technician LDN-001 is missing");
  await api("PATCH", `/technicians/${alex.id}`, admin, { max_jobs_per_day: 1 }, { "If-Match": `"${alex.version}"` });
  const waiting = await api("GET", "/work-orders?status=scheduled&limit=100", admin);
  const first = waiting.items.find((order) => order.ticket_number);
  expect(first, "the demo work order (from the printer ticket) is missing");
  const later = new Date(Date.parse(first.scheduled_at) + 3 * 3_600_000).toISOString();
  const second = await api("POST", "/work-orders", admin, {
    title: "Service the 3rd floor printer",
    location: first.location,
    scheduled_at: later,
    required_skills: ["printers"],
  });
  return { first, second: second.work_order_number, day: first.scheduled_at.slice(0, 10) };
}

main(async (run) => {
  const { first, second, day } = await setUp();
  const number = first.work_order_number;

  // The dispatcher: the board on the work order's day, its suggestions, an assignment by click.
  const { context: desk, page } = await run.newPage();
  await page.goto(`${base}/app/dispatch`);
  await signIn(page, env("DESKLESS_MANAGER_EMAIL"));
  await page.getByRole("heading", { name: "Dispatch board", level: 1 }).waitFor();
  await page.getByLabel("Date", { exact: true }).fill(day);
  const row = page.getByRole("region", { name: /LDN-001/ });
  await row.waitFor();
  await run.audit(page, "dispatch-board");
  await page.getByRole("button", { name: new RegExp(`^${number} `) }).click();
  const suggestions = page.getByRole("region", { name: `Suggestions for ${number}` });
  const top = suggestions.getByRole("listitem").filter({ hasText: "#1" }).first();
  await top.waitFor();
  const topText = await top.textContent();
  expect(/LDN-001/.test(topText), `the top suggestion is not LDN-001: ${topText}`);
  await run.audit(page, "dispatch-suggestions");
  await top.getByRole("button", { name: /^Assign / }).click();
  await page.getByRole("status").filter({ hasText: `${number} is assigned to` }).waitFor();
  await row.getByRole("link", { name: number }).waitFor();
  const load = await row.getByText(/jobs that day/).textContent();

  // The second work order the same day: LDN-001 is full; trying anyway shows the API's refusal.
  await page.getByRole("button", { name: new RegExp(`^${second} `) }).click();
  const refusal = page.waitForResponse((r) => r.url().endsWith(`/work-orders/${second}/assignments`) && r.request().method() === "POST");
  await row.getByRole("button", { name: `Assign ${second} here` }).click();
  const refused = await refusal;
  const alert = page.getByRole("alert").filter({ hasText: "Not assigned" });
  await alert.waitFor();
  const refusedText = await alert.textContent();
  await run.audit(page, "dispatch-refused");
  await desk.close();

  // The technician on a phone: the day's job, its ticket's context, and the moves to completion.
  const { context: phone, page: tech } = await run.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await tech.goto(`${base}/app/my-jobs`);
  await signIn(tech, env("DESKLESS_AGENT_EMAIL"));
  const card = tech.getByRole("article", { name: new RegExp(`^${number} `) });
  await card.waitFor();
  await card.getByText(`Ticket ${first.ticket_number}: what the customer asked`).click();
  await card.getByText("The big printer on the 2nd floor jams constantly.").waitFor();
  await run.audit(tech, "my-jobs");
  for (const [button, state] of [
    ["Accept", "Accepted"],
    ["On my way", "On the way"],
    ["Start", "Started"],
  ]) {
    await card.getByRole("button", { name: button, exact: true }).click();
    await card.locator(".job-state strong", { hasText: state }).waitFor();
  }
  await card.getByLabel(`Your note on ${number}`).fill(NOTE);
  await card.getByRole("button", { name: "Complete", exact: true }).click();
  await card.locator(".job-state strong", { hasText: "Completed" }).waitFor();
  await run.audit(tech, "my-jobs-done");

  // The work order's page, then the ticket it came from: both show the work order completed.
  await card.getByRole("link", { name: number }).click();
  await tech.locator(".wo-status", { hasText: "Completed" }).waitFor();
  await tech.getByRole("cell", { name: NOTE }).waitFor();
  await run.audit(tech, "work-order");
  await tech.getByRole("link", { name: "Office printer jams on every page" }).click();
  await tech.getByText(new RegExp(`${number}.*\\(completed\\)`)).waitFor();
  await phone.close();

  return { workOrder: number, ticket: first.ticket_number, second, load, refusedStatus: refused.status(), refusedText };
});
