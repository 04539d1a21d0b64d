// The message catalogues: shared strings (en.ts / de.ts) and one file per area (agent.ts,
// portal.ts) holding English and German side by side. The German catalogue is typed by the English
// keys, so a string missing in German is a compile error, not a fallback at run time.
import { ApiError } from "../api/client";
import { adminDe, adminEn } from "./admin";
import { adminopsDe, adminopsEn } from "./adminops";
import { agentDe, agentEn } from "./agent";
import { de as commonDe } from "./de";
import { en as commonEn } from "./en";
import { fieldDe, fieldEn } from "./field";
import { kbeditDe, kbeditEn } from "./kbedit";
import { liveDe, liveEn } from "./live";
import { portalDe, portalEn } from "./portal";
import { reportsDe, reportsEn } from "./reports";
import { rulesDe, rulesEn } from "./rules";
import { slaDe, slaEn } from "./sla";

const en = {
  ...commonEn,
  ...agentEn,
  ...portalEn,
  ...slaEn,
  ...reportsEn,
  ...rulesEn,
  ...fieldEn,
  ...adminEn,
  ...adminopsEn,
  ...kbeditEn,
  ...liveEn,
};
export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
const de: Catalogue = {
  ...commonDe,
  ...agentDe,
  ...portalDe,
  ...slaDe,
  ...reportsDe,
  ...rulesDe,
  ...fieldDe,
  ...adminDe,
  ...adminopsDe,
  ...kbeditDe,
  ...liveDe,
};

export const LANGUAGES = { en, de } as const satisfies Record<string, Catalogue>;
export type Language = keyof typeof LANGUAGES;

let activeCode: Language = "en";
let active: Catalogue = en;

/** Choose the language (`de-AT` takes `de`; a language without a catalogue falls back to English). */
export function setLanguage(code: string | null | undefined): void {
  const base = (code ?? "").split("-")[0].toLowerCase();
  activeCode = base in LANGUAGES ? (base as Language) : "en";
  active = LANGUAGES[activeCode];
  document.documentElement.lang = activeCode;
}

/** The active language's code (for Intl formatting). */
export function language(): Language {
  return activeCode;
}

/** The message `key` in the active language, with `{name}` placeholders filled. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return active[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** An API error in plain words: its code's message when the catalogue has one. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.other", { message: String(error) });
  const key = `error.${error.code}` as MessageKey;
  if (error.code === "invalid_request") {
    const details = error.details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; ");
    return t("error.invalid_request", { details });
  }
  if (key in active) return t(key);
  return t("error.other", { message: error.message });
}
