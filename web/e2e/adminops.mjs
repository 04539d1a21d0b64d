// Admin integrations in a real browser (tests/local/test_web_adminops.py, or
// `python -m chalicelib.local.journeys adminops`): the demo admin opens the webhooks page,
// creates an outbound subscription (its signing secret shown once), resends a delivery from the
// log of a subscription to a receiver of this script's own, rotates the inbound webhook secret
// (the new secret shown once, then only its last characters), and finds the rotation in the
// audit log filtered by its action; exports the whole organization from the privacy page (its
// progress, then its parts); then the other admin pages are checked by axe.
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_PASSWORD, DESKLESS_ADMIN_EMAIL, DESKLESS_ADMIN_TOKEN; CHROMIUM.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { createServer } from "node:http";
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");
const HOOK = "https://hooks.example.net/deskless";

await main(async (run) => {
  const { context, page } = await run.newPage();
  // The page's address without a session: sign in, then back to it.
  await page.goto(`${base}/app/admin/webhooks`);
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_ADMIN_EMAIL"));
  await page.getByLabel("Password", { exact: true }).fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();

  // An outbound subscription: the signing secret is shown once.
  await page.getByRole("button", { name: "New subscription" }).click();
  const form = page.getByRole("form", { name: "New subscription" });
  await form.getByLabel("URL").fill(HOOK);
  await form.getByLabel("Description").fill("Our CRM");
  await form.getByLabel("comment.added").check();
  await form.getByRole("button", { name: "Save subscription" }).click();
  const signing = await page.getByLabel(`Secret of ${HOOK}`).inputValue();
  expect(signing.length >= 16, `no signing secret shown: ${signing}`);
  await page.getByRole("cell", { name: `${HOOK} Our CRM`, exact: true }).waitFor();
  await run.audit(page, "webhooks");
  await page.getByRole("button", { name: "Done, I copied it" }).click();
  expect((await page.getByLabel(`Secret of ${HOOK}`).count()) === 0, "the signing secret is still shown");

  // Resend: a receiver here gets a ticket.created delivery, then its resend from the log.
  const received = [];
  const receiver = createServer((request, response) => {
    received.push(request.headers["x-deskless-delivery"]);
    request.resume();
    response.end();
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const local = `http://127.0.0.1:${receiver.address().port}/deskless`;
  await page.getByRole("button", { name: "New subscription" }).click();
  await form.getByLabel("URL").fill(local);
  await form.getByLabel("ticket.created").check();
  await form.getByRole("button", { name: "Save subscription" }).click();
  await page.getByRole("button", { name: "Done, I copied it" }).click();
  const ticket = await fetch(`${base}/tickets`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${env("DESKLESS_ADMIN_TOKEN")}` },
    body: JSON.stringify({ subject: "Webhook resend check", customer_email: "resend@example.com" }),
  });
  expect(ticket.status === 201, `ticket not created: ${ticket.status}`);
  await waitFor(() => received.length === 1, "the first delivery");
  await page.getByRole("button", { name: `Deliveries of ${local}` }).click();
  await page.getByRole("button", { name: /^Resend ticket\.created of / }).click();
  await page.getByRole("status").filter({ hasText: "queued again" }).waitFor();
  await waitFor(() => received.length === 2, "the resend");
  expect(received[0] !== received[1], "the resend went out under the original's delivery id");
  await page.getByRole("cell", { name: "ticket.created resend" }).waitFor();
  await run.audit(page, "webhook-resent");
  receiver.close();

  // Rotation of the inbound secret: the new one once, then its hint in the list.
  const inbound = page.getByRole("region", { name: "Inbound webhook secrets" });
  await inbound.getByRole("button", { name: "Rotate the secret" }).click();
  const secret = await inbound.getByLabel("Secret of New inbound secret").inputValue();
  expect(secret.startsWith("whsec_"), `no inbound secret shown: ${secret}`);
  const hint = `...${secret.slice(-4)}`;
  await inbound.getByRole("cell", { name: hint, exact: true }).waitFor();
  await run.audit(page, "webhook-rotated");
  await inbound.getByRole("button", { name: "Done, I copied it" }).click();
  const shownAfter = await inbound.getByLabel("Secret of New inbound secret").count();
  expect(shownAfter === 0, "the inbound secret is still shown");

  // The audit log, filtered by the rotation's action.
  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  await page.getByRole("heading", { name: "Audit log", level: 1 }).waitFor();
  await page.getByLabel("Action (e.g. webhook_secret.created)").fill("webhook_secret.created");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  const entry = page.getByRole("row").filter({ hasText: "webhook_secret.created" });
  await entry.first().waitFor();
  const rows = await entry.count();
  const other = await page.getByRole("row").filter({ hasText: "webhook_subscription" }).count();
  expect(other === 0, "the filter let other actions through");
  const target = (await entry.first().getByRole("cell").nth(3).innerText()).trim();
  await run.audit(page, "audit-log");

  // The whole organization's export: started, followed, then its parts offered.
  await page.getByRole("link", { name: "Privacy", exact: true }).click();
  await page.getByRole("button", { name: "Start the organization export" }).click();
  // The local stack runs the export job once a minute.
  await page.getByText(/^The export is done/).waitFor({ timeout: 150_000 });
  const parts = await page.getByRole("link", { name: /^Part \d+ \(\d+ items\)$/ }).count();
  expect(parts >= 1, "no export part offered");
  await run.audit(page, "organization-export");

  // The other admin pages, each checked by axe once.
  for (const [link, ready, screen] of [
    ["API tokens", "New API token", "api-tokens"],
    ["Retention", "Save Tickets", "retention"],
    ["Single sign-on", "Issuer (https)", "sso"],
  ]) {
    await page.getByRole("link", { name: link, exact: true }).click();
    await page.getByText(ready, { exact: true }).first().waitFor();
    await run.audit(page, screen);
  }
  await context.close();
  return { subscription: HOOK, resent: received, hint, secret, rows, target, parts };
});

/** Poll ``done`` (a condition this script's receiver makes true) for up to 60 s. */
async function waitFor(done, what) {
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}
