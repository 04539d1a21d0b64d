// Admin integrations in a real browser (tests/local/test_web_adminops.py, or
// `python -m chalicelib.local.journeys adminops`): the demo admin opens the webhooks page,
// creates an outbound subscription (its signing secret shown once), rotates the inbound webhook
// secret (the new secret shown once, then only its last characters), and finds the rotation in
// the audit log filtered by its action; then the other admin pages are checked by axe.
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_PASSWORD, DESKLESS_ADMIN_EMAIL; CHROMIUM.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
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

  // The other admin pages, each checked by axe once.
  for (const [link, ready, screen] of [
    ["API tokens", "New API token", "api-tokens"],
    ["Retention", "Save Tickets", "retention"],
    ["Privacy", "Person", "privacy"],
    ["Single sign-on", "Issuer (https)", "sso"],
  ]) {
    await page.getByRole("link", { name: link, exact: true }).click();
    await page.getByText(ready, { exact: true }).first().waitFor();
    await run.audit(page, screen);
  }
  await context.close();
  return { subscription: HOOK, hint, secret, rows, target };
});
