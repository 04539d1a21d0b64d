// What every browser journey shares: Debian's chromium through playwright-core (no browser
// download), a record of CSP violations and page errors, an accessibility audit with axe-core on
// every main screen (serious and critical findings fail the journey), and screenshots of those
// screens when DESKLESS_SCREENSHOTS names a directory (`make screenshots`).
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const TIMEOUT = 20_000;
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const shots = process.env.DESKLESS_SCREENSHOTS || "";

/** An environment variable the pytest side must set. */
export function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** A journey run: the browser, and the problems seen on any page (CSP, page errors, axe). */
export class Run {
  constructor(browser) {
    this.browser = browser;
    this.problems = [];
    this.audited = [];
  }

  /** A fresh context (no shared storage) whose pages report CSP violations and page errors. */
  async newPage(options = {}) {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) {
        this.problems.push(`CSP: ${message.text()}`);
      }
    });
    page.on("pageerror", (error) => this.problems.push(`page error: ${error.message}`));
    return { context, page };
  }

  /**
   * Audit the screen the page shows now: axe-core's WCAG 2.1 A/AA rules, any serious or critical
   * violation is a problem; so is a page wider than its window (a horizontal scrollbar); then a
   * screenshot of the window `<name>.png` when screenshots are asked for.
   * axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so the
   * app's own CSP stays as strict as it is served.
   */
  async audit(page, name) {
    const hasAxe = await page.evaluate(() => typeof window.axe !== "undefined");
    if (!hasAxe) await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const outcome = await window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      });
      return outcome.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      }));
    });
    const blocking = result.filter((v) => v.impact === "serious" || v.impact === "critical");
    for (const v of blocking) this.problems.push(`axe (${name}): ${v.impact} ${v.id}: ${v.help} at ${v.targets.join(", ")}`);
    this.audited.push({ screen: name, violations: result.length, blocking: blocking.length });
    const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
    if (width.page > width.window) {
      this.problems.push(`layout (${name}): the page is ${width.page} px wide in a ${width.window} px window`);
    }
    if (shots) {
      mkdirSync(shots, { recursive: true });
      // The window, as a reader first sees the screen (a full page of a long ticket is megapixels).
      await page.screenshot({ path: join(shots, `${name}.png`) });
    }
  }
}

/**
 * Run `journey(run)` in one browser; print one JSON line `{ok, ...result, audited}` or
 * `{ok: false, error, problems}` and set the exit code. Problems seen on the way fail the run.
 */
export async function main(journey) {
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  const run = new Run(browser);
  try {
    const result = await journey(run);
    expect(run.problems.length === 0, run.problems.join("\n"));
    console.log(JSON.stringify({ ok: true, ...result, audited: run.audited }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, error: String(error?.message ?? error), problems: run.problems }));
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
