import { stringify } from "yaml";
import type { Io } from "./io";

export type OutputFormat = "table" | "json" | "yaml";

/** Machine output as JSON or YAML; human output as the command's own text (a table, a line). */
export function printResult(io: Io, format: OutputFormat, data: unknown, human: () => string): void {
  if (format === "json") io.out(`${JSON.stringify(data, null, 2)}\n`);
  else if (format === "yaml") io.out(stringify(data, { lineWidth: 0 }));
  else {
    const text = human();
    if (text) io.out(text.endsWith("\n") ? text : `${text}\n`);
  }
}

/** A plain text table: a header row, columns padded to their widest cell. Cells are made single-line. */
export function table(headers: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => oneLine(c == null ? "" : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : (c ?? "").padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

/** Control characters from a server never reach the terminal (no escape sequences, no fake lines). */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ");
}
