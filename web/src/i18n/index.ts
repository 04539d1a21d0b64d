import { ApiError } from "../api/client";
import { type Catalogue, type MessageKey, en } from "./en";

const catalogues: Record<string, Catalogue> = { en };
let active: Catalogue = en;

/** Choose the language (a code of a catalogue; others fall back to English). */
export function setLanguage(code: string): void {
  active = catalogues[code.split("-")[0]] ?? en;
}

/** The message `key` in the active language, with `{name}` placeholders filled. */
export function t(key: MessageKey, values: Record<string, string> = {}): string {
  return active[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
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
