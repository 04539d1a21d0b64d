// The managers' settings pages in a real browser (tests/local/test_web_sla.py, or
// `python -m chalicelib.local.journeys sla`): a manager opens the SLA policies from the workspace,
// edits the demo policy's Monday hours and its urgent first-response target, sees the live preview
// change, saves; then creates a shared macro for the whole organization.
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_PASSWORD, DESKLESS_MANAGER_EMAIL; CHROMIUM.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");
const POLICY = "Standard support";
const MACRO = "Warranty check";

async function signIn(page) {
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_MANAGER_EMAIL"));
  await page.getByLabel("Password", { exact: true }).fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

await main(async (run) => {
  const { context, page } = await run.newPage();
  await page.goto(`${base}/app/`);
  await signIn(page);
  await page.getByRole("heading", { name: "Inbox" }).waitFor();
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("heading", { name: "SLA policies", level: 1 }).waitFor();
  await page.getByRole("button", { name: POLICY, exact: true }).waitFor();
  await run.audit(page, "sla-list");

  // The editor: the preview for an urgent ticket, then a longer target and longer Monday hours.
  await page.getByRole("button", { name: POLICY, exact: true }).click();
  await page.getByRole("heading", { name: `Edit ${POLICY}` }).waitFor();
  await page.getByLabel("Priority of the ticket").selectOption("urgent");
  const preview = page.getByTestId("sla-preview");
  await preview.getByText(/priority Urgent would be due/).waitFor();
  await preview.getByText(/Policy 'Standard support', its override for urgent priority: first response within 1 h/).waitFor();
  const before = await preview.locator("p").first().textContent();
  await page.getByLabel("First response hours, Urgent", { exact: true }).fill("2");
  await page.getByLabel("Monday, hours 1: closes", { exact: true }).fill("18:00");
  await preview.getByText(/first response within 2 h/).waitFor();
  const after = await preview.locator("p").first().textContent();
  expect(before !== after, `the preview did not change: ${before}`);
  await run.audit(page, "sla-editor");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("heading", { name: "Policies, in the order they are tried" }).waitFor();

  // A shared macro.
  await page.getByRole("link", { name: "Shared macros", exact: true }).click();
  await page.getByRole("heading", { name: "Shared macros", level: 1 }).waitFor();
  await page.getByRole("button", { name: "New shared macro", exact: true }).click();
  await page.getByLabel("Name", { exact: true }).fill(MACRO);
  await page.getByLabel("Description", { exact: true }).fill("Ask for the receipt and wait.");
  await page.getByLabel("Value of action 1", { exact: true }).fill("Hi {{requester.first_name}}, could you send us the receipt?");
  await page.getByRole("button", { name: "Add an action", exact: true }).click();
  await page.getByLabel("Action 2", { exact: true }).selectOption("set_status");
  await run.audit(page, "macro-form");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("button", { name: MACRO, exact: true }).waitFor();
  await run.audit(page, "macro-list");
  await context.close();
  return { previewBefore: before, previewAfter: after, macro: MACRO };
});
