// CSV built in the browser from the figures a chart shows (RFC 4180: CRLF, quoted when needed).

export type Cell = string | number | null;

/** One field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused so a
 * spreadsheet never runs a name as a formula. */
export function csvField(value: Cell): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header row, then one line per row. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
