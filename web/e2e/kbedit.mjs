// The knowledge base editor in a real browser (tests/local/test_web_kbedit.py, or
// `python -m chalicelib.local.journeys kbedit`): a manager opens the editor from the workspace,
// creates a category, writes an article with the server-rendered preview (raw HTML stays text),
// publishes it, edits it, compares the first version with the current one, restores the first,
// and an anonymous reader of the help centre sees the restored text.
//
// Input (environment, chalicelib/local/journeys.py FACTS): DESKLESS_URL, DESKLESS_ORG,
// DESKLESS_PASSWORD, DESKLESS_MANAGER_EMAIL; CHROMIUM.
// Output: one JSON line of what was seen; exit 1 with the reason on the first failed expectation.
import { env, expect, main } from "./lib.mjs";

const base = env("DESKLESS_URL");
const CATEGORY = "Printers";
const TITLE = "Clear a paper jam";
const FIRST = "# Paper jam\n\nOpen **tray 2** and remove the sheet.\n\n<script>alert(1)</script>";
const SECOND = "# Paper jam\n\nOpen **tray 3** and pull the sheet gently.";

await main(async (run) => {
  const { context, page } = await run.newPage();
  await page.goto(`${base}/app/`);
  await page.getByLabel("Organization").fill(env("DESKLESS_ORG"));
  await page.getByLabel("Email").fill(env("DESKLESS_MANAGER_EMAIL"));
  await page.getByLabel("Password", { exact: true }).fill(env("DESKLESS_PASSWORD"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Inbox" }).waitFor();
  await page.getByRole("link", { name: "Knowledge base", exact: true }).click();
  await page.getByRole("heading", { name: "Knowledge base", level: 1 }).waitFor();

  // A new category in the tree, then its (empty) article list.
  const form = page.getByRole("form", { name: "New category" });
  await form.getByLabel("Name").fill(CATEGORY);
  await form.getByRole("button", { name: "Create category" }).click();
  await form.getByText("Category created.").waitFor();
  await page.getByRole("button", { name: `Show the articles of “${CATEGORY}”`, exact: true }).click();
  await page.getByRole("heading", { name: `Articles in “${CATEGORY}”` }).waitFor();
  await run.audit(page, "kb-tree");

  // Write it with the preview: the server renders the Markdown; the raw <script> stays text.
  await page.getByRole("link", { name: "New article", exact: true }).click();
  const editor = page.getByRole("form", { name: "Article editor" });
  await editor.getByLabel("Title").fill(TITLE);
  expect((await editor.getByLabel("Category").inputValue()) !== "", "the category was not preselected");
  await editor.getByLabel("Content (Markdown)").fill(FIRST);
  await editor.getByRole("button", { name: "Preview", exact: true }).click();
  const preview = page.locator(".portal-article");
  await preview.locator("strong", { hasText: "tray 2" }).waitFor();
  const previewText = await preview.innerText();
  expect(previewText.includes("<script>alert(1)</script>"), `the raw HTML was not shown as text: ${previewText}`);
  expect((await preview.locator("script").count()) === 0, "the preview holds a script element");
  await run.audit(page, "kb-preview");
  await editor.getByRole("button", { name: "Save article" }).click();
  await page.waitForURL(/\/app\/kb\/articles\//);
  const articleId = decodeURIComponent(page.url().split("/articles/")[1]);
  await page.getByText("Status: Draft").waitFor();

  // Publish, then edit.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByText("Status: Published").first().waitFor();
  await page.getByRole("form", { name: "Article editor" }).getByLabel("Content (Markdown)").fill(SECOND);
  await page.getByRole("form", { name: "Article editor" }).getByRole("button", { name: "Save article" }).click();
  await page.getByText("Article saved (version 3).").waitFor();

  // The diff between the first version and the current one, then restore the first.
  await page.getByRole("button", { name: "Compare version 1 with the current one" }).click();
  await page.getByRole("heading", { name: "Changes from version 1 to the current version 3" }).waitFor();
  const removed = await page.locator(".diff-removed").allInnerTexts();
  const added = await page.locator(".diff-added").allInnerTexts();
  expect(removed.some((line) => line.includes("Open **tray 2** and remove the sheet.")), `removed: ${removed}`);
  expect(added.some((line) => line.includes("Open **tray 3** and pull the sheet gently.")), `added: ${added}`);
  await run.audit(page, "kb-revisions");
  await page.getByRole("button", { name: "Restore version 1", exact: true }).click();
  await page.getByText("Version 1 restored as version 4.").waitFor();
  await page.getByText("Status: Published").first().waitFor();
  await run.audit(page, "kb-restored");
  await context.close();

  // The help centre, anonymously: the restored text, rendered.
  const reader = await run.newPage();
  await reader.page.goto(`${base}/app/portal/${encodeURIComponent(env("DESKLESS_ORG"))}/articles/${encodeURIComponent(articleId)}`);
  await reader.page.getByRole("heading", { name: TITLE }).waitFor();
  await reader.page.locator(".portal-article strong", { hasText: "tray 2" }).waitFor();
  const shown = await reader.page.locator(".portal-article").innerText();
  expect(!shown.includes("tray 3"), `the help centre shows the edited text: ${shown}`);
  await run.audit(reader.page, "kb-help-centre");
  await reader.context.close();
  return { article: articleId };
});
