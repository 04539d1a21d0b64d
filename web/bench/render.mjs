// The web benchmark's browser half (bench/web.py starts a seeded local stack and runs this script):
// cold loads of the app in Chromium, each in a fresh context (empty HTTP cache), read from the
// performance marks the app sets: `deskless:inbox-rendered` (the inbox list is on screen) and
// `deskless:ticket-rendered` (a ticket page is). Counts every request made before the inbox
// rendered and the API requests among them. Also the sign-in page's first render (no session).
//
// Input (environment): DESKLESS_URL, DESKLESS_ORG, DESKLESS_ADMIN_EMAIL, DESKLESS_PASSWORD,
// BENCH_RUNS (default 5); CHROMIUM. Output: one JSON line with one record per run.
import { env, expect, main } from "../e2e/lib.mjs";

const base = env("DESKLESS_URL");
const runs = Number(process.env.BENCH_RUNS || 5);
const MARK_WAIT_MS = 15_000;
// One of the two is there: the app marks the list in the same commit's effects, so a short wait is plenty.
const MARK_AFTER_DOM_MS = 3_000;
const INBOX_MARK = "deskless:inbox-rendered";
const TICKET_MARK = "deskless:ticket-rendered";

/** The mark's startTime (ms since navigation), or null when the app does not set it in time. */
async function markTime(page, name, timeout = MARK_WAIT_MS) {
  try {
    await page.waitForFunction((n) => performance.getEntriesByName(n, "mark").length > 0, name, {
      timeout,
      polling: "raf",
    });
  } catch {
    return null;
  }
  return page.evaluate((n) => performance.getEntriesByName(n, "mark")[0].startTime, name);
}

const SIGN_IN_FORM = "form button[type=submit]";
const ROWS = "table.tickets tbody tr, [data-ticket-row]";

/** Record, from the first script on, when each watched selector first matches (a DOM commit). */
function watchTheDom(selectors) {
  const seen = {};
  window.__desklessSeen = seen;
  const check = () => {
    for (const s of selectors) if (!(s in seen) && document.querySelector(s)) seen[s] = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

/** ms since navigation when `selector` first matched, or null when it does not within `timeout`. */
async function domTime(page, selector, timeout = MARK_WAIT_MS) {
  try {
    const handle = await page.waitForFunction((s) => window.__desklessSeen?.[s], selector, { polling: "raf", timeout });
    return await handle.jsonValue();
  } catch {
    return null;
  }
}

/** Requests the page made before `until` (ms since navigation): all of them, and those to the API. */
async function requestsBefore(page, until) {
  return page.evaluate((limit) => {
    const entries = performance.getEntriesByType("resource").filter((e) => e.startTime <= limit);
    const api = entries.filter((e) => !new URL(e.name).pathname.startsWith("/app/"));
    return {
      total: 1 + entries.length, // + the document itself
      api: api.map((e) => new URL(e.name).pathname),
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    };
  }, until);
}

async function signInPage(run) {
  const { context, page } = await run.newPage();
  await context.addInitScript(watchTheDom, [SIGN_IN_FORM]);
  await page.goto(`${base}/app/`);
  const rendered = await domTime(page, SIGN_IN_FORM);
  const seen = await requestsBefore(page, rendered);
  await context.close();
  return { rendered_ms: rendered, fcp_ms: seen.fcp, requests: seen.total, api_requests: seen.api.length };
}

async function signIn(run) {
  const { context, page } = await run.newPage();
  await page.goto(`${base}/app/`);
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_ADMIN_EMAIL"));
  await page.getByLabel("Password").fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForFunction(() => sessionStorage.getItem("deskless.session") !== null);
  const session = await page.evaluate(() => sessionStorage.getItem("deskless.session"));
  expect(session, "no session after signing in");
  await context.close();
  return session;
}

/** A fresh context whose tab already holds the session (as after a sign-in, then a reload). */
async function signedInPage(run, session) {
  const { context, page } = await run.newPage();
  await context.addInitScript((value) => sessionStorage.setItem("deskless.session", value), session);
  await context.addInitScript(watchTheDom, [ROWS]);
  return { context, page };
}

async function inbox(run, session) {
  const { context, page } = await signedInPage(run, session);
  await page.goto(`${base}/app/`);
  // Whichever comes first, the mark or the rows (the markup may change), then the other one briefly.
  await page.waitForFunction(
    ([m, s]) => performance.getEntriesByName(m, "mark").length > 0 || window.__desklessSeen?.[s],
    [INBOX_MARK, ROWS],
    { polling: "raf", timeout: MARK_WAIT_MS },
  );
  const mark = await markTime(page, INBOX_MARK, MARK_AFTER_DOM_MS);
  const rows = await domTime(page, ROWS, MARK_AFTER_DOM_MS);
  const seen = await requestsBefore(page, mark ?? rows);
  const listed = await page.locator(ROWS).count();
  const record = {
    inbox_mark_ms: mark,
    inbox_rows_visible_ms: rows,
    fcp_ms: seen.fcp,
    rows: listed,
    requests_before_inbox: seen.total,
    api_requests_before_inbox: seen.api.length,
    api_paths: seen.api,
    ticket_list_requests: seen.api.filter((p) => p === "/tickets").length,
    ticket_mark_after_click_ms: null,
    ticket_mark_cold_ms: null,
  };
  if (mark !== null) {
    // Open the first ticket in the app, then load that page cold.
    const link = page.locator("table.tickets tbody tr a, [data-ticket-row] a").first();
    if ((await link.count()) > 0) {
      // On the page's own clock (epoch ms): right whether the app routes in place or loads a new document.
      const clicked = await page.evaluate(() => performance.timeOrigin + performance.now());
      await link.click();
      const shown = await markTime(page, TICKET_MARK);
      if (shown !== null) {
        const origin = await page.evaluate(() => performance.timeOrigin);
        record.ticket_mark_after_click_ms = origin + shown - clicked;
        const address = page.url();
        const cold = await signedInPage(run, session);
        await cold.page.goto(address);
        record.ticket_mark_cold_ms = await markTime(cold.page, TICKET_MARK);
        await cold.context.close();
      }
    }
  }
  await context.close();
  return record;
}

await main(async (run) => {
  const signInRuns = [];
  const inboxRuns = [];
  const session = await signIn(run);
  for (let i = 0; i < runs; i += 1) {
    signInRuns.push(await signInPage(run));
    inboxRuns.push(await inbox(run, session));
  }
  return { sign_in: signInRuns, inbox: inboxRuns };
});
