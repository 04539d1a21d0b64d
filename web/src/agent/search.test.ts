import { describe, expect, it } from "vitest";
import { countText, draftFilter, highlightPieces, searchPath, searchQuery } from "./search";

describe("the highlighted snippets", () => {
  it("cuts the text at the matches, the matched pieces marked", () => {
    expect(highlightPieces("the printer jams daily", [[4, 11], [12, 16]])).toEqual([
      { text: "the ", mark: false },
      { text: "printer", mark: true },
      { text: " ", mark: false },
      { text: "jams", mark: true },
      { text: " daily", mark: false },
    ]);
  });

  it("merges overlapping and touching matches and orders them", () => {
    expect(highlightPieces("abcdefgh", [[4, 6], [1, 3], [2, 4]])).toEqual([
      { text: "a", mark: false },
      { text: "bcdef", mark: true },
      { text: "gh", mark: false },
    ]);
  });

  it("clamps offsets past the end and ignores empty, reversed or malformed ones", () => {
    expect(highlightPieces("short", [[3, 99], [2, 2], [4, 1], [-5, 1], [1]])).toEqual([
      { text: "s", mark: true },
      { text: "ho", mark: false },
      { text: "rt", mark: true },
    ]);
    expect(highlightPieces("", [[0, 3]])).toEqual([]);
  });

  it("counts offsets in characters, so an emoji before a match does not shift it", () => {
    // The API counts code points (Python): 🖨 is one character, two UTF-16 units.
    expect(highlightPieces("🖨 printer", [[2, 9]])).toEqual([
      { text: "🖨 ", mark: false },
      { text: "printer", mark: true },
    ]);
  });

  it("keeps markup as plain text pieces", () => {
    const pieces = highlightPieces("<img src=x onerror=alert(1)> toner", [[29, 34]]);
    expect(pieces.map((p) => p.text).join("")).toBe("<img src=x onerror=alert(1)> toner");
    expect(pieces[1]).toEqual({ text: "toner", mark: true });
  });
});

describe("the search page's address", () => {
  it("carries the query, encoded, and reads it back", () => {
    const path = searchPath('status:open "paper jam" & more');
    expect(path.startsWith("/app/search?q=")).toBe(true);
    expect(searchQuery(path.slice(path.indexOf("?")))).toBe('status:open "paper jam" & more');
    expect(searchQuery("")).toBe("");
  });
});

describe("views", () => {
  it("reads a capped count as 100+ and an uncounted view as nothing", () => {
    expect(countText(12, false)).toBe("12");
    expect(countText(100, true)).toBe("100+");
    expect(countText(0, false)).toBe("0");
    expect(countText(null, false)).toBeUndefined();
  });

  it("keeps only the chosen criteria of a drafted view, tags trimmed and unique", () => {
    expect(draftFilter({ status: [], priority: [], assignee: "", tags: " " })).toEqual({});
    expect(draftFilter({ status: ["open", "pending"], priority: ["high"], assignee: "me", tags: "vip, printer ,vip," })).toEqual({
      status: ["open", "pending"],
      priority: ["high"],
      assignee: ["me"],
      tags: ["vip", "printer"],
    });
  });
});
