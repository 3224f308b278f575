// How exported audit events look, pure: CSV (RFC 4180 quoting, spreadsheet-formula safe) and a
// JSON array, written row by row so the export can stream any number of events.
export const EXPORT_COLUMNS = [
  "id", "createdAt", "actorEmail", "actorId", "action", "result", "reason", "targetType", "targetId", "targetName",
  "clusterName", "clusterId", "namespace", "ip", "userAgent", "requestId", "teamId", "chainKey", "summary", "prevHash", "hash",
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], unknown>;
export type ExportFormat = "csv" | "json";

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * A formula start (= + - @ tab CR) at the start of the cell or after anything a spreadsheet may
 * split cells on (, ; | tab CR LF, optionally followed by spaces): defused with a leading '.
 */
const FORMULA_START = /(^|[,;|\t\r\n])( *)(?=[=+\-@\t\r])/g;

/** One CSV cell: always quoted (RFC 4180), every formula start defused, not only the first. */
export function csvCell(value: unknown): string {
  const s = text(value).replace(FORMULA_START, "$1$2'");
  return `"${s.replace(/"/g, '""')}"`;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function csvRow(row: ExportRow): string {
  return csvLine(EXPORT_COLUMNS.map((c) => row[c]));
}

function jsonObject(row: ExportRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of EXPORT_COLUMNS) out[c] = row[c] instanceof Date ? (row[c] as Date).toISOString() : typeof row[c] === "bigint" ? String(row[c]) : row[c];
  return out;
}

/** The pieces of one export: what comes first, each row (`index` = its position), and the end. */
export const EXPORT_WRITERS: Record<ExportFormat, { start: string; row: (row: ExportRow, index: number) => string; end: string }> = {
  csv: { start: csvLine(EXPORT_COLUMNS), row: (row) => csvRow(row), end: "" },
  json: { start: "[", row: (row, i) => `${i === 0 ? "\n" : ",\n"}${JSON.stringify(jsonObject(row))}`, end: "\n]\n" },
};

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};
