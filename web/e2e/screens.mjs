// The shared screens no area journey shows (python -m chalicelib.local.journeys starts the local
// stack, seeds it and runs this script; `make screenshots` keeps a PNG of each audited screen):
// the sign-in page in German (the browser's language), the code sign-in page a mailed link opens,
// and the session-expired sign-in an agent lands on when the API refuses a revoked session.
//
// Input (environment, see chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_ADMIN_EMAIL, DESKLESS_PASSWORD; CHROMIUM (default /usr/bin/chromium).
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");

async function signInInGerman(run) {
  const { context, page } = await run.newPage({ locale: "de-DE" });
  await page.goto(`${base}/app/`);
  await page.getByRole("button", { name: "Anmelden" }).waitFor();
  const lang = await page.evaluate(() => document.documentElement.lang);
  await run.audit(page, "sign-in-german");
  await context.close();
  return { lang };
}

async function signInWithACode(run) {
  const { context, page } = await run.newPage();
  await page.goto(`${base}/app/sign-in`);
  await page.getByRole("button", { name: "Sign in with the code" }).waitFor();
  await run.audit(page, "sign-in-code");
  await context.close();
}

async function aRevokedSessionReturnsToSignIn(run) {
  const { context, page } = await run.newPage();
  await page.goto(`${base}/app/`);
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_ADMIN_EMAIL"));
  await page.getByLabel("Password").fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.locator("table.tickets tbody tr").first().waitFor();
  // Signed out elsewhere (another tab, an admin): the next request of this page is refused.
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("deskless.session")).token);
  const revoked = await fetch(`${base}/auth/logout`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status === 204, `logout answered ${revoked.status}`);
  await page.reload();
  await page.getByText("Your session has ended. Sign in again to continue.").waitFor();
  const path = await page.evaluate(() => location.pathname);
  expect(path === "/app/login", `a refused session showed ${path}`);
  await run.audit(page, "session-expired");
  await context.close();
  return { path };
}

await main(async (run) => {
  const german = await signInInGerman(run);
  await signInWithACode(run);
  const expired = await aRevokedSessionReturnsToSignIn(run);
  return { german, expired };
});
