import { afterEach, describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, formatRelative, setTimeZone, timeZone } from "./format";
import { setLanguage } from "./i18n";

afterEach(() => {
  setLanguage("en");
  setTimeZone(null);
});

describe("format", () => {
  it("shows a UTC instant in the user's time zone and language", () => {
    setTimeZone("Europe/Berlin");
    setLanguage("de");
    expect(formatDateTime("2026-11-30T13:05:00.000000Z")).toContain("14:05");
    setTimeZone("America/New_York");
    setLanguage("en");
    expect(formatDateTime("2026-11-30T13:05:00.000000Z")).toMatch(/8:05/);
  });

  it("keeps the browser's zone when the profile names an unknown one", () => {
    const before = timeZone();
    setTimeZone("Mars/Olympus_Mons");
    expect(timeZone()).toBe(before);
  });

  it("says how long ago, in the active language", () => {
    const now = Date.parse("2026-11-30T12:00:00Z");
    expect(formatRelative("2026-11-30T09:00:00Z", now)).toBe("3 hours ago");
    setLanguage("de");
    expect(formatRelative("2026-11-30T09:00:00Z", now)).toBe("vor 3 Stunden");
  });

  it("writes durations in days, hours and minutes", () => {
    expect(formatDuration(45 * 60)).toBe("45 min");
    expect(formatDuration(2 * 3600 + 5 * 60)).toBe("2 h 05 min");
    expect(formatDuration(-(3 * 86400 + 4 * 3600))).toBe("3 d 4 h");
  });
});
