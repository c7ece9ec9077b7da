// A page of records as text/csv, for a fake whose paged operation a request asks to answer in CSV.

/**
 * `rows` as CSV (RFC 4180, lines ending in `\n`): a header naming every field of the rows, in the order they first
 * appear, then a line per row. A field a row lacks, or holds `null`, is left empty; an object or array is written as
 * JSON; a value holding a comma, a quote or a line break is quoted. No rows make an empty body.
 */
export function csvOf(rows: readonly unknown[]): string {
  const records = rows.map((row) => (typeof row === "object" && row !== null ? (row as Record<string, unknown>) : {}));
  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
  if (columns.length === 0) return "";
  const lines = [columns, ...records.map((record) => columns.map((column) => cellOf(record[column])))];
  return lines.map((cells) => `${cells.map(quoted).join(",")}\n`).join("");
}

function cellOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function quoted(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
