import { describe, expect, it } from "vitest";
import { csvCell, EXPORT_COLUMNS, EXPORT_WRITERS, type ExportRow } from "./export-format";

describe("CSV cells", () => {
  it("quotes every cell, doubling quotes (RFC 4180)", () => {
    expect(csvCell("plain")).toBe('"plain"');
    expect(csvCell('say "hi", bye')).toBe('"say ""hi"", bye"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(new Date("2026-01-02T03:04:05.006Z"))).toBe('"2026-01-02T03:04:05.006Z"');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(s).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell("a=b")).toBe('"a=b"');
    expect(csvCell("1-2")).toBe('"1-2"');
  });

  it("defuses formula starts after any separator a spreadsheet may split on, not only at the cell start", () => {
    expect(csvCell("ok;=cmd|' /C calc'!A0")).toBe(`"ok;'=cmd|' /C calc'!A0"`);
    expect(csvCell("a,+1")).toBe(`"a,'+1"`);
    expect(csvCell("a\t-2")).toBe(`"a\t'-2"`);
    expect(csvCell("a\n@SUM(A1)")).toBe(`"a\n'@SUM(A1)"`);
    expect(csvCell("a\r\n=1")).toBe(`"a\r\n'=1"`);
    expect(csvCell("a| =1")).toBe(`"a| '=1"`);
    expect(csvCell("  =1")).toBe(`"  '=1"`);
    expect(csvCell({ reason: "x;=1" })).toBe(`"{""reason"":""x;'=1""}"`);
  });
});

describe("export writers", () => {
  const row = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, c === "id" ? "7" : ""])) as ExportRow;
  it("writes a JSON array, empty or not", () => {
    const json = EXPORT_WRITERS.json;
    expect(JSON.parse(json.start + json.end)).toEqual([]);
    expect(JSON.parse(json.start + json.row(row, 0) + json.row(row, 1) + json.end).map((r: ExportRow) => r.id)).toEqual(["7", "7"]);
  });
  it("writes a CSV header then one CRLF line per row", () => {
    const csv = EXPORT_WRITERS.csv;
    expect(csv.start).toBe(`${EXPORT_COLUMNS.map((c) => `"${c}"`).join(",")}\r\n`);
    expect(csv.row(row, 0)).toBe(`"7"${',""'.repeat(EXPORT_COLUMNS.length - 1)}\r\n`);
  });
});
