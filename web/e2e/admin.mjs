// The admin's journey (tests/local/test_web_admin.py starts the local stack and runs this script):
// from the inbox's "Admin" link, invite an agent by email (the invitation lands in the outbox; a
// second page accepts it and is signed in as the new agent), add a support address and verify it
// with the code mailed to it, then change a setting (the ticket prefix) and see it saved.
//
// Input (environment): DESKLESS_URL, DESKLESS_ORG, DESKLESS_DOMAIN, DESKLESS_ADMIN_EMAIL,
// DESKLESS_PASSWORD, DESKLESS_OUTBOX (the stack's OUTBOX_DIR); CHROMIUM.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");
const NEW_AGENT = `new.agent@${env("DESKLESS_DOMAIN")}`.toLowerCase();
const ADDRESS = `billing-help@${env("DESKLESS_DOMAIN")}`.toLowerCase();
const PREFIX = "ADM";

/** A mail's text with quoted-printable or base64 undone (enough to find a link or code in it). */
function mailText(raw) {
  if (/Content-Transfer-Encoding: base64/i.test(raw)) {
    const body = raw.split(/\r?\n\r?\n/).slice(1).join("\n");
    return raw + Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64").toString("utf8");
  }
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** The first match of `pattern` in the newest mail to `address` that has one (waits for the mail). */
async function mailed(address, pattern) {
  const outbox = env("DESKLESS_OUTBOX");
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const mails = readdirSync(outbox)
      .filter((name) => name.endsWith(".eml"))
      .map((name) => join(outbox, name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const path of mails) {
      const text = mailText(readFileSync(path, "utf8"));
      const found = text.match(pattern);
      if (found && text.includes(address)) return found[1] ?? found[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${address} matching ${pattern} in ${outbox}`);
}

await main(async (run) => {
  const { page } = await run.newPage();
  await page.goto(`${base}/app/`);
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_ADMIN_EMAIL"));
  await page.getByLabel("Password", { exact: true }).fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Inbox" }).waitFor();
  await page.getByRole("link", { name: "Admin", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Organization" }).waitFor();

  // Invite an agent; the invitation is listed as pending.
  await page.getByRole("link", { name: "People", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
  await page.getByLabel("Email", { exact: true }).fill(NEW_AGENT);
  await page.getByLabel("Role", { exact: true }).selectOption("agent");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await page.getByText(`Invitation sent to ${NEW_AGENT}.`).waitFor();
  await page.getByRole("button", { name: `Withdraw the invitation to ${NEW_AGENT}` }).waitFor();
  await run.audit(page, "admin-people");

  // The invitee opens the mailed link in another browser context and is signed in as the agent.
  const invite = await mailed(NEW_AGENT, /(\/app\/accept-invitation#token=dl_[A-Za-z0-9_\-.~]+)/);
  const second = await run.newPage();
  await second.page.goto(`${base}${invite}`);
  await second.page.getByText(NEW_AGENT).waitFor();
  await second.page.getByLabel("New password").fill("a long password for the new agent");
  await second.page.getByRole("button", { name: "Accept and sign in" }).click();
  await second.page.getByRole("heading", { name: "Inbox" }).waitFor();
  const signedInAs = await second.page.getByText(/^Signed in as/).textContent();
  const agentHasAdmin = await second.page.getByRole("link", { name: "Admin", exact: true }).count();
  await second.context.close();

  // The accepted invitation leaves the pending list; the new agent is among the users.
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
  await page.getByRole("button", { name: `Deactivate ${NEW_AGENT}`, exact: true }).waitFor();
  const stillPending = await page.getByRole("button", { name: `Withdraw the invitation to ${NEW_AGENT}` }).count();

  // A support address: added (pending), verified with the code mailed to it.
  await page.getByRole("link", { name: "Organization", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Organization" }).waitFor();
  const addForm = page.locator("form").filter({ has: page.getByRole("heading", { name: "Add a support address" }) });
  await addForm.getByLabel("Address").fill(ADDRESS);
  await addForm.getByRole("button", { name: "Add and send the code" }).click();
  await page.getByRole("row").filter({ hasText: ADDRESS }).getByText("Waiting for the mailed code").waitFor();
  const code = await mailed(ADDRESS, /enter this code in Deskless[^\n]*\n\s*\n\s*(\S+)/);
  await page.getByLabel(`Code mailed to ${ADDRESS}`).fill(code);
  await page.getByRole("row").filter({ hasText: ADDRESS }).getByRole("button", { name: "Verify" }).click();
  await page.getByRole("row").filter({ hasText: ADDRESS }).getByText(/^Verified/).waitFor();
  await run.audit(page, "admin-settings");

  // A setting: the ticket prefix, saved with the version the page read.
  await page.getByLabel("Ticket number prefix").fill(PREFIX);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Saved.").waitFor();
  return { invitee: NEW_AGENT, signedInAs, agentHasAdmin, stillPending, address: ADDRESS, prefix: PREFIX };
});
