// The browser journey (tests/local/test_web_app.py starts the local stack and runs this script):
// an admin signs in and sees the inbox, signs out; an invitee opens the link from the outbox mail,
// sets a password and lands signed in. Debian's chromium through playwright-core: no browser download.
//
// Input (environment): DESKLESS_URL (the stack's origin), DESKLESS_ORG, DESKLESS_ADMIN_EMAIL,
// DESKLESS_PASSWORD, DESKLESS_TICKET_SUBJECT (one the admin must see), DESKLESS_INVITE_URL (the link
// from the mail), DESKLESS_INVITEE_EMAIL, DESKLESS_INVITEE_PASSWORD; CHROMIUM (default /usr/bin/chromium).
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { env, expect, main, TIMEOUT } from "./lib.mjs";

const base = env("DESKLESS_URL");

async function adminSignsInAndSeesTheInbox(run) {
  const { context, page } = await run.newPage();
  await page.goto(`${base}/app/`);
  await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
  await run.audit(page, "sign-in");
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_ADMIN_EMAIL"));
  await page.getByLabel("Password").fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Inbox" }).waitFor();
  const subject = env("DESKLESS_TICKET_SUBJECT");
  await page.getByRole("link", { name: subject }).first().waitFor();
  const rows = await page.locator("table.tickets tbody tr").count();
  const stored = await page.evaluate(() => ({
    session: sessionStorage.getItem("deskless.session") !== null,
    local: localStorage.length,
    url: location.href,
  }));
  expect(stored.session, "the session is not in sessionStorage");
  expect(stored.local === 0, "something was written to localStorage");
  expect(!/dl_|token/i.test(stored.url), `the address holds a token: ${stored.url}`);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
  const afterSignOut = await page.evaluate(() => sessionStorage.getItem("deskless.session"));
  expect(afterSignOut === null, "the session outlived the sign-out");
  await context.close();
  return { rows };
}

async function inviteeAcceptsTheInvitation(run) {
  const { context, page } = await run.newPage();
  await page.goto(env("DESKLESS_INVITE_URL"));
  await page.getByText(env("DESKLESS_INVITEE_EMAIL")).waitFor();
  await run.audit(page, "accept-invitation");
  const address = page.url();
  expect(!address.includes("#") && !address.includes("dl_"), `the token is still in the address: ${address}`);
  await page.getByLabel("New password").fill(env("DESKLESS_INVITEE_PASSWORD"));
  await page.getByRole("button", { name: "Accept and sign in" }).click();
  await page.getByRole("heading", { name: "Inbox" }).waitFor();
  await page.getByText(/^Signed in as/).waitFor();
  const path = await page.evaluate(() => location.pathname);
  expect(path === "/app/", `after accepting: ${path}`);
  // The same link a second time: the API's 410 in plain words, no sign-in.
  const again = await context.newPage();
  again.setDefaultTimeout(TIMEOUT);
  await again.goto(env("DESKLESS_INVITE_URL"));
  const alert = await again.getByRole("alert").textContent();
  expect(/already been used/.test(alert ?? ""), `reusing the link showed: ${alert}`);
  await context.close();
  return { reused: alert };
}

await main(async (run) => {
  const inbox = await adminSignsInAndSeesTheInbox(run);
  const invitation = await inviteeAcceptsTheInvitation(run);
  return { inbox, invitation };
});
