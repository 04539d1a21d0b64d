// Dates, times and durations in the user's language and time zone: the profile's `timezone` when
// the user has one (setTimeZone at sign-in), else the browser's. The API sends UTC (RFC 3339, `Z`).
import { language } from "./i18n";

let zone: string | undefined;

/** Use this IANA time zone (e.g. the signed-in user's `timezone`); an unknown one keeps the browser's. */
export function setTimeZone(timeZone: string | null | undefined): void {
  zone = undefined;
  if (!timeZone) return;
  try {
    new Intl.DateTimeFormat("en", { timeZone }).format(0);
    zone = timeZone;
  } catch {
    // Not a zone this browser knows: the browser's own zone is the better guess.
  }
}

/** The time zone dates are shown in. */
export function timeZone(): string {
  return zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A date and time, e.g. "30 Nov 2026, 14:05" (en) / "30. Nov. 2026, 14:05" (de). Empty for null. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(language(), { dateStyle: "medium", timeStyle: "short", timeZone: timeZone() }).format(
    new Date(iso),
  );
}

/** A date without the time. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(language(), { dateStyle: "medium", timeZone: timeZone() }).format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** How long ago or how far ahead, e.g. "3 hours ago" / "in 20 minutes" ("vor 3 Stunden"). */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language(), { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, "minute");
}

/** A duration in seconds, e.g. "2 h 05 min", "3 d 4 h", "45 min" (sign ignored). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.abs(Math.round(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  return `${minutes} min`;
}

/** Worked minutes in hours and minutes, e.g. "26 h 05 min", "45 min" (never days: a working day is not 24 h). */
export function formatMinutes(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  return hours === 0 ? `${minutes} min` : `${hours} h ${String(minutes).padStart(2, "0")} min`;
}

/** A calendar day ("2026-11-30") as the API names it, in the user's language; no time zone shifts it. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(language(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
