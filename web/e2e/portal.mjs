// The customer's journey through the portal (tests/local/test_web_portal.py starts the local stack
// and runs this script): help centre search, an article and a vote; "new request" with suggestions
// as the subject is typed (one answers the question: a deflection; then a request is sent); sign
// out; sign in by the link mailed to the outbox; reply with an attachment; an agent solves the
// request through the API; the customer rates it. Then a second organization's portal, which shows
// none of the first's articles or requests.
//
// Input (environment): DESKLESS_URL, DESKLESS_ORG, DESKLESS_CUSTOMER_EMAIL, DESKLESS_PASSWORD
// (the customer's and the agent's), DESKLESS_AGENT_EMAIL, DESKLESS_OUTBOX (the stack's OUTBOX_DIR),
// DESKLESS_OTHER_ORG, DESKLESS_OTHER_CATEGORY, DESKLESS_OTHER_ARTICLE; CHROMIUM. Output: one JSON line of what was seen.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");
const slug = env("DESKLESS_ORG");
const portal = `${base}/app/portal/${slug}`;
const SUBJECT = "My printer jams on every page";
const REPLY = "It still jams: the log is attached.";

/** A mail's text with quoted-printable or base64 undone (enough to find a link in it). */
function mailText(raw) {
  if (/Content-Transfer-Encoding: base64/i.test(raw)) {
    const body = raw.split(/\r?\n\r?\n/).slice(1).join("\n");
    return raw + Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64").toString("utf8");
  }
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** The newest sign-in link mailed to `address`, as a path of this stack. */
function signInLink(address) {
  const outbox = env("DESKLESS_OUTBOX");
  const mails = readdirSync(outbox)
    .filter((name) => name.endsWith(".eml"))
    .map((name) => join(outbox, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const path of mails) {
    const text = mailText(readFileSync(path, "utf8"));
    const found = text.match(/\/app\/sign-in#token=[A-Za-z0-9_\-.~]+/);
    if (found && text.includes(address)) return found[0];
  }
  throw new Error(`no sign-in link for ${address} in ${outbox}`);
}

async function api(method, path, token, body, headers = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.status === 204 ? null : response.json();
}

async function helpCentre(run, page) {
  await page.goto(`${portal}/`);
  await page.getByRole("heading", { name: "How can we help?" }).waitFor();
  await page.getByRole("link", { name: "Billing" }).waitFor();
  await run.audit(page, "help-centre");
  await page.getByLabel("Search the help centre").pressSequentially("forgotten password", { delay: 20 });
  const hit = page.getByRole("link", { name: "Resetting a forgotten password" });
  await hit.click();
  await page.getByRole("heading", { level: 1, name: "Resetting a forgotten password" }).waitFor();
  // The article's sanitised HTML is rendered (Markdown emphasis), not shown as text.
  await page.locator(".portal-article em").first().waitFor();
  await run.audit(page, "article");
  const articleId = page.url().split("/").pop();
  await page.getByRole("button", { name: "Yes, it helped" }).click();
  await page.getByText("Thank you for your feedback.").waitFor();
  return articleId;
}

async function newRequest(run, page) {
  // "My requests" asks a visitor to sign in, then comes back to the page that asked.
  await page.getByRole("link", { name: "New request", exact: true }).click();
  await page.getByText("Sign in to see your requests or open a new one.").waitFor();
  await run.audit(page, "portal-sign-in");
  const password = page.getByRole("region", { name: "Sign in with your password" });
  await password.getByLabel("Email").fill(env("DESKLESS_CUSTOMER_EMAIL"));
  await password.getByLabel("Password").fill(env("DESKLESS_PASSWORD"));
  await password.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "New request", exact: true }).waitFor();

  // The subject, typed: articles that may answer it appear; this one does (a deflection).
  await page.getByLabel("Subject").pressSequentially("wrong VAT on invoice", { delay: 30 });
  const suggestions = page.getByRole("region", { name: "These articles may answer your question" });
  await suggestions.getByRole("link", { name: "Why does my invoice show the wrong VAT?" }).waitFor();
  await run.audit(page, "new-request");
  const deflectedHref = await suggestions.getByRole("link").first().getAttribute("href");
  await suggestions.getByRole("button", { name: "This answers my question" }).first().click();
  await page.getByText("Glad the article helped. No request was opened.").waitFor();

  // Another question: nothing answers it, so the request is sent, with the custom field.
  await page.getByRole("button", { name: "Ask another question" }).click();
  await page.getByLabel("Subject").fill(SUBJECT);
  await page.getByLabel("Describe your question or problem").fill("Every single page, since Monday.");
  await page.getByLabel("Order number").fill("ORD-4711");
  await page.getByRole("button", { name: "Send the request" }).click();
  await page.getByRole("heading", { name: new RegExp(`: ${SUBJECT}$`) }).waitFor();
  const number = decodeURIComponent(page.url().split("/").pop());
  return { number, deflectedArticleId: deflectedHref.split("/").pop() };
}

async function signOutAndBackInByMail(page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByRole("heading", { name: "How can we help?" }).waitFor();
  expect((await page.evaluate(() => sessionStorage.getItem("deskless.session"))) === null, "the session outlived the sign-out");
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  const byMail = page.getByRole("region", { name: "Get a sign-in link by email" });
  await byMail.getByLabel("Email").fill(env("DESKLESS_CUSTOMER_EMAIL"));
  await byMail.getByRole("button", { name: "Email me a link" }).click();
  await page.getByRole("status").filter({ hasText: "a sign-in link and a code are on their way" }).waitFor();
  // The link from the mail, opened as the customer would: it lands on "my requests".
  await page.goto(`${base}${signInLink(env("DESKLESS_CUSTOMER_EMAIL"))}`);
  await page.getByRole("heading", { name: "My requests", exact: true }).waitFor();
  const address = page.url();
  expect(!address.includes("#") && !address.includes("dl_"), `the token is still in the address: ${address}`);
  expect(new URL(address).pathname === `/app/portal/${slug}/requests`, `after the link: ${address}`);
  const stored = await page.evaluate(() => localStorage.length);
  expect(stored === 0, "something was written to localStorage");
}

async function replyWithAttachment(run, page, number) {
  await page.getByRole("link", { name: SUBJECT }).click();
  await page.getByRole("heading", { name: `${number}: ${SUBJECT}` }).waitFor();
  await run.audit(page, "request");
  await page.getByLabel("Your message").fill(REPLY);
  await page.getByLabel("Attach a file (optional)").setInputFiles({
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("paper jam at tray 2\n".repeat(50)),
  });
  await page.getByRole("button", { name: "Send the reply" }).click();
  const conversation = page.getByRole("list", { name: "Conversation" });
  await conversation.getByText(REPLY).waitFor();
  await conversation.getByRole("button", { name: "Download notes.txt" }).waitFor();
}

async function agentSolves(number) {
  const agent = await api("POST", "/auth/login", null, {
    organization: slug,
    email: env("DESKLESS_AGENT_EMAIL"),
    password: env("DESKLESS_PASSWORD"),
  });
  await api("POST", `/tickets/${number}/comments`, agent.token, { content: "A new roller is on its way.", comment_type: "public" });
  const fresh = await api("GET", `/tickets/${number}`, agent.token);
  await api("PATCH", `/tickets/${number}`, agent.token, { status: "solved" }, { "If-Match": `"${fresh.version}"` });
}

async function rate(run, page, number) {
  await page.getByRole("link", { name: "My requests", exact: true }).click();
  await page.getByRole("heading", { name: "My requests", exact: true }).waitFor();
  const row = page.getByRole("row").filter({ hasText: SUBJECT });
  await row.getByText("Solved").waitFor();
  await run.audit(page, "my-requests");
  await row.getByRole("link", { name: SUBJECT }).click();
  await page.getByText("A new roller is on its way.").waitFor();
  await page.getByLabel("5 – very satisfied").check();
  await page.getByLabel("Anything you want to tell us? (optional)").fill("Quick and friendly.");
  await page.getByRole("button", { name: "Send the rating" }).click();
  await page.getByText("Thank you: you rated this request 5 out of 5.").waitFor();
  expect(page.url().endsWith(`/requests/${number}`), `rating moved the page: ${page.url()}`);
}

/** The second organization's portal, still signed in as the first's customer. */
async function secondOrganization(page) {
  const second = env("DESKLESS_OTHER_ORG");
  await page.goto(`${base}/app/portal/${second}/`);
  await page.getByRole("heading", { name: "How can we help?" }).waitFor();
  await page.getByRole("link", { name: env("DESKLESS_OTHER_CATEGORY") }).waitFor();
  const search = page.getByLabel("Search the help centre");
  await search.fill("invoice VAT password");
  await page.getByText("No article matches. Try other words, or open a request.").waitFor();
  const demoArticlesFound = await page.getByRole("link", { name: /VAT|password/i }).count();
  await search.fill(env("DESKLESS_OTHER_ARTICLE"));
  await page.getByRole("link", { name: env("DESKLESS_OTHER_ARTICLE") }).waitFor();
  await page.goto(`${base}/app/portal/${second}/requests`);
  await page.getByText("You are signed in to another organization.", { exact: false }).waitFor();
  const leaked = await page.getByText(SUBJECT).count();
  expect(leaked === 0, "the second portal shows the first organization's request");
  return { demo_articles_found: demoArticlesFound, own_article_found: true, requests_page: "sign-in" };
}

await main(async (run) => {
  const { context, page } = await run.newPage();
  const articleId = await helpCentre(run, page);
  const { number, deflectedArticleId } = await newRequest(run, page);
  await signOutAndBackInByMail(page);
  await replyWithAttachment(run, page, number);
  await agentSolves(number);
  await page.reload();
  await rate(run, page, number);
  const second = await secondOrganization(page);
  await context.close();
  return {
    article_id: articleId,
    deflected_article_id: deflectedArticleId,
    ticket_number: number,
    subject: SUBJECT,
    reply: REPLY,
    second,
  };
});
