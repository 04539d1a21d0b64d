// Search and saved views in a real browser (tests/local/test_web_search.py runs it on a seeded local
// stack whose search index already has the tickets): sign in as an agent, open a built-in view with
// its count, search a word only a reply holds and see it marked in the snippet, the API's objection
// to an unknown filter next to the box, open the ticket, save a search's filter as a personal view
// and find it in the sidebar, counted.
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_AGENT_EMAIL, DESKLESS_PASSWORD, DESKLESS_SEARCH_WORD, DESKLESS_SEARCH_TICKET_NUMBER,
// DESKLESS_SEARCH_TICKET_SUBJECT, DESKLESS_SEARCH_QUERY; CHROMIUM.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");

async function signIn(page) {
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_AGENT_EMAIL"));
  await page.getByLabel("Password", { exact: true }).fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The number in a sidebar button's "(12)" or "(100+)". */
async function countOf(button) {
  const found = (await button.textContent()).match(/\((\d+)\+?\)\s*$/);
  expect(found, `no count on "${await button.textContent()}"`);
  return Number(found[1]);
}

async function searchAndSave(run) {
  const { context, page } = await run.newPage();
  const number = env("DESKLESS_SEARCH_TICKET_NUMBER");
  const subject = env("DESKLESS_SEARCH_TICKET_SUBJECT");
  const word = env("DESKLESS_SEARCH_WORD");
  const filtered = env("DESKLESS_SEARCH_QUERY");
  await page.goto(`${base}/app/`);
  await signIn(page);
  await page.getByRole("heading", { name: "Inbox" }).waitFor();

  // A built-in view with its count: the agent's open tickets, as many rows as the count says.
  const sidebar = page.getByRole("navigation", { name: "Queues" });
  const builtin = sidebar.getByRole("list", { name: "Built-in" }).getByRole("button", { name: /^My open tickets \(\d+\+?\)$/ });
  await builtin.waitFor();
  const builtinCount = await countOf(builtin);
  expect(builtinCount >= 1, `the built-in view counts ${builtinCount}`);
  await builtin.click();
  await page.getByRole("heading", { name: "My open tickets", exact: true }).waitFor();
  const viewRows = page.getByRole("table", { name: "Tickets: My open tickets" }).locator("tbody tr");
  await viewRows.first().waitFor();
  expect((await viewRows.count()) === builtinCount, `the view counts ${builtinCount} and lists ${await viewRows.count()}`);
  expect((await builtin.getAttribute("aria-current")) === "true", "the chosen view is not marked current");
  await run.audit(page, "view");

  // Search a word only the comment holds: "/" focuses the box, Enter opens the results.
  await page.locator("body").press("/");
  const box = page.getByLabel("Search tickets");
  expect(await box.evaluate((el) => el === document.activeElement), "/ did not focus the search box");
  await box.fill(word);
  await box.press("Enter");
  await page.getByRole("heading", { name: "Search" }).waitFor();
  const url = new URL(page.url());
  expect(url.pathname === "/app/search" && url.searchParams.get("q") === word, `the search's address is ${page.url()}`);
  const result = page.getByRole("link", { name: `${number} ${subject}` });
  await result.waitFor();
  const row = page.getByRole("row").filter({ has: result });
  const marked = await row.locator("mark").allTextContents();
  expect(marked.some((text) => text.toLowerCase() === word.toLowerCase()), `the snippet marks ${JSON.stringify(marked)}`);
  expect((await row.locator(".snippets").textContent()).includes("Comment:"), "the snippet does not say it is from a comment");
  await page.getByRole("button", { name: "Search syntax" }).click();
  await page.getByText("assignee:me").waitFor();
  await run.audit(page, "search");
  await page.getByRole("button", { name: "Search syntax" }).click();

  // An unknown filter: the API's objection next to the box.
  await box.fill("colour:red");
  await box.press("Enter");
  const objection = page.locator("#search-invalid");
  await objection.waitFor();
  expect((await objection.textContent()).includes("colour"), `the objection reads ${await objection.textContent()}`);
  expect((await box.getAttribute("aria-invalid")) === "true", "the box is not marked invalid");

  // Back to the word's results, then the ticket.
  await page.goBack();
  await result.waitFor();
  expect((await page.locator("#search-invalid").count()) === 0, "the objection outlived its query");
  await result.click();
  await page.getByRole("heading", { name: subject }).waitFor();
  expect(new URL(page.url()).pathname === `/app/tickets/${number}`, `the ticket's address is ${page.url()}`);
  await page.getByText(word).first().waitFor();

  // A search with a filter saved as a personal view (its filter; words are not part of a view),
  // found in the sidebar counting what the search found.
  await box.fill(filtered);
  await box.press("Enter");
  const found = page.getByRole("table", { name: `Tickets matching ${filtered}` }).locator("tbody tr");
  await found.first().waitFor();
  const foundCount = await found.count();
  await page.getByRole("button", { name: "Save as view" }).click();
  const viewName = "Saved from a search";
  await page.getByLabel("Name").fill(viewName);
  await run.audit(page, "save-view");
  await page.getByRole("button", { name: "Save view" }).click();
  const saved = sidebar.getByRole("list", { name: "My views" }).getByRole("button", { name: new RegExp(`^${viewName} \\(\\d+\\+?\\)$`) });
  await saved.waitFor();
  const savedCount = await countOf(saved);
  expect(savedCount === foundCount, `the saved view counts ${savedCount}, the search found ${foundCount}`);
  await page.getByRole("heading", { name: viewName }).waitFor();
  const savedRows = page.getByRole("table", { name: `Tickets: ${viewName}` }).locator("tbody tr");
  await savedRows.first().waitFor();
  expect((await savedRows.count()) === foundCount, `the saved view lists ${await savedRows.count()} tickets`);
  await run.audit(page, "saved-view");

  const stored = await page.evaluate(() => ({ local: localStorage.length }));
  expect(stored.local === 0, "something was written to localStorage");
  await context.close();
  return { builtinCount, marked, viewName, foundCount, savedCount };
}

await main(async (run) => ({ search: await searchAndSave(run) }));
