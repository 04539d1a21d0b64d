// The managers' reports in a real browser (tests/local/test_web_reports.py, or
// `python -m chalicelib.local.journeys reports`): a ticket is created and solved through the API,
// the manager signs in, opens Reports from the workspace header, sees the charts drawn (Chart.js on
// canvas, under the app's strict CSP), opens the created-vs-solved chart as a table and finds today's
// row counting the new ticket, then downloads that chart's CSV and reads it.
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_PASSWORD, DESKLESS_MANAGER_EMAIL, DESKLESS_CUSTOMER_EMAIL; CHROMIUM.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");

/** One API call; the parsed body (null for 204), failing the journey on an unexpected status. */
async function api(method, path, token, body) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (method === "POST") headers["Idempotency-Key"] = randomUUID();
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  expect([200, 201, 204].includes(response.status), `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Today's created and solved counts, as the API has them. */
async function today(token, day) {
  const report = await api("GET", `/reports/tickets?from=${day}&to=${day}`, token);
  return report.by_day[0];
}

await main(async (run) => {
  const manager = await api("POST", "/auth/login", null, {
    organization: env("DESKLESS_ORG"),
    email: env("DESKLESS_MANAGER_EMAIL"),
    password: env("DESKLESS_PASSWORD"),
  });
  const day = new Date().toISOString().slice(0, 10);
  const before = await today(manager.token, day);
  const ticket = await api("POST", "/tickets", manager.token, {
    subject: "Reports journey: badge printer jams",
    customer_email: env("DESKLESS_CUSTOMER_EMAIL"),
  });
  await api("PATCH", `/tickets/${ticket.ticket_number}`, manager.token, { status: "solved" });
  const after = await today(manager.token, day);
  expect(after.created === before.created + 1 && after.solved === before.solved + 1, `the report did not count the ticket: ${JSON.stringify({ before, after })}`);

  const { context, page } = await run.newPage();
  await page.goto(`${base}/app/`);
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_MANAGER_EMAIL"));
  await page.getByLabel("Password", { exact: true }).fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Inbox" }).waitFor();
  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();

  const card = page.getByRole("region", { name: "Tickets created and solved per day", exact: true });
  const canvas = card.getByRole("img");
  await canvas.waitFor();
  // Every report has answered: no "Loading the report…" left.
  await page.waitForFunction(() => !document.body.textContent.includes("Loading the report"));
  // Chart.js drew something: some pixel of the canvas is not transparent.
  const drawn = await canvas.evaluate((element) => {
    const { width, height } = element;
    const pixels = element.getContext("2d").getImageData(0, 0, width, height).data;
    return width > 0 && height > 0 && pixels.some((value, index) => index % 4 === 3 && value > 0);
  });
  expect(drawn, "the created-vs-solved chart is blank");
  const cards = await page.locator("section.report-card").count();
  const charts = await page.locator("section.report-card canvas").count();
  await run.audit(page, "reports");

  // The same figures as a table: today's row (the last day of the range) counts the new ticket.
  await card.getByRole("button", { name: "Show as table", exact: true }).click();
  const table = card.getByRole("table", { name: "Tickets created and solved per day" });
  await table.waitFor();
  const lastRow = table.locator("tbody tr").last();
  const cells = (await lastRow.locator("th, td").allTextContents()).map((text) => text.trim());
  expect(cells[1] === String(after.created) && cells[2] === String(after.solved), `today's row shows ${JSON.stringify(cells)}, the API ${JSON.stringify(after)}`);
  await run.audit(page, "reports-table");

  // The CSV, built in the browser from the same figures.
  const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("button", { name: "Download CSV", exact: true }).click()]);
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0] === "Day,Created,Solved", `the CSV's header is ${lines[0]}`);
  expect(lines.at(-1) === `${day},${after.created},${after.solved}`, `the CSV's last line is ${lines.at(-1)}`);
  await context.close();
  return {
    ticket: ticket.ticket_number,
    day,
    before,
    after,
    cards,
    charts,
    tableRow: cells,
    csvName: download.suggestedFilename(),
    csvHeader: lines[0],
    csvToday: lines.at(-1),
    csvDays: lines.length - 1,
  };
});
