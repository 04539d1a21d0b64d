import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("toCsv", () => {
  it("writes a header and rows with CRLF, numbers as they are and null as empty", () => {
    expect(toCsv(["Day", "Created"], [["2026-03-02", 3], ["2026-03-03", null]])).toBe(
      "Day,Created\r\n2026-03-02,3\r\n2026-03-03,\r\n",
    );
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(csvField('Smith, "Jo"')).toBe('"Smith, ""Jo"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("defuses names a spreadsheet would run as formulas, never numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe("-3");
  });
});
