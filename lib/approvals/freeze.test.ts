import { describe, expect, it } from "vitest";
import { english } from "@/lib/i18n/english";
import { formatMsg, isMsg } from "@/lib/i18n/message";
import { strictTranslator } from "@/lib/i18n/strict-translator";
import { activeFreeze, describeWindow, inWindow, parseWindow, parseWindows, storedWindows, type FreezeWindow } from "./freeze";

const weekly = (line: string) => {
  const w = parseWindow(line);
  if (isMsg(w)) throw new Error(english(w));
  return w;
};
/** Why a line is refused, in English (a window: none). */
const refusal = (line: string) => {
  const w = parseWindow(line);
  return isMsg(w) ? english(w) : "";
};

describe("freeze windows", () => {
  it("reads a weekly window in an IANA zone and checks instants against its wall clock", () => {
    const w = weekly("Fri 16:00 – Mon 08:00 Asia/Shanghai");
    expect(w).toEqual({ kind: "weekly", fromDay: "Fri", fromTime: "16:00", toDay: "Mon", toTime: "08:00", zone: "Asia/Shanghai" });
    // Friday 2026-12-04 08:00 UTC = 16:00 in Shanghai (UTC+8): the window has just started.
    expect(inWindow(w, new Date("2026-12-04T08:00:00Z"))).toBe(true);
    expect(inWindow(w, new Date("2026-12-04T07:59:00Z"))).toBe(false);
    // Sunday, wrapping past Saturday.
    expect(inWindow(w, new Date("2026-12-06T12:00:00Z"))).toBe(true);
    // Monday 08:00 Shanghai = Monday 00:00 UTC: the end is open.
    expect(inWindow(w, new Date("2026-12-06T23:59:00Z"))).toBe(true);
    expect(inWindow(w, new Date("2026-12-07T00:00:00Z"))).toBe(false);
    expect(inWindow(w, new Date("2026-12-09T04:00:00Z"))).toBe(false);
  });

  it("follows daylight saving time: 09:00 New York is 14:00 UTC in winter, 13:00 UTC in summer", () => {
    const w = weekly("Mon 09:00 - Mon 10:00 America/New_York");
    expect(inWindow(w, new Date("2026-01-05T14:30:00Z"))).toBe(true);
    expect(inWindow(w, new Date("2026-01-05T13:30:00Z"))).toBe(false);
    expect(inWindow(w, new Date("2026-07-06T13:30:00Z"))).toBe(true);
    expect(inWindow(w, new Date("2026-07-06T14:30:00Z"))).toBe(false);
  });

  it("reads one-off date ranges in a zone", () => {
    const w = weekly("2026-12-24 00:00 - 2026-12-27 08:00 Europe/Berlin");
    expect(w.kind).toBe("dates");
    expect(inWindow(w, new Date("2026-12-23T22:59:00Z"))).toBe(false); // 23:59 Berlin
    expect(inWindow(w, new Date("2026-12-23T23:00:00Z"))).toBe(true);
    expect(inWindow(w, new Date("2026-12-27T07:00:00Z"))).toBe(false); // 08:00 Berlin
    expect(activeFreeze([w], new Date("2026-12-25T12:00:00Z"))).toBe(w);
    expect(activeFreeze([w], new Date("2027-01-25T12:00:00Z"))).toBeNull();
  });

  it("refuses unknown zones, impossible dates, empty windows and junk, line by line", () => {
    expect(refusal("Fri 16:00 - Mon 08:00 Mars/Olympus")).toMatch(/not a time zone/);
    expect(refusal("2026-02-30 00:00 - 2026-03-01 00:00 UTC")).toMatch(/does not exist/);
    expect(refusal("2026-03-01 00:00 - 2026-02-01 00:00 UTC")).toMatch(/after the start/);
    expect(refusal("Fri 16:00 - Fri 16:00 UTC")).toMatch(/same time/);
    expect(refusal("Fri 25:00 - Mon 08:00 UTC")).toMatch(/Write a window/);
    expect(refusal("x".repeat(500))).toMatch(/under 200/);
    const { windows, errors } = parseWindows("Fri 16:00 - Mon 08:00 UTC\n\nnope\n");
    expect(windows).toHaveLength(1);
    expect(errors.map((e) => english(e))).toEqual([expect.stringMatching(/^Line 2: Write a window/)]);
    // The protection form shows them in the reader's language.
    expect(formatMsg(strictTranslator("zh-CN"), errors[0])).toMatch(/^第 2 行：时间窗口的写法：/);
    expect(english(parseWindows(Array(21).fill("Fri 16:00 - Mon 08:00 UTC").join("\n")).errors[0])).toMatch(/At most 20/);
  });

  it("round-trips through the stored form and drops malformed stored entries", () => {
    const ws: FreezeWindow[] = [weekly("fri 16:00 to mon 08:00 UTC"), weekly("2026-12-24 00:00 - 2026-12-27 08:00 UTC")];
    expect(describeWindow(ws[0])).toBe("Fri 16:00 – Mon 08:00 UTC");
    expect(storedWindows(JSON.parse(JSON.stringify(ws)))).toEqual(ws);
    expect(storedWindows([{ kind: "weekly", zone: "Nope/Nope" }, null, "x"])).toEqual([]);
    expect(storedWindows({})).toEqual([]);
  });
});
