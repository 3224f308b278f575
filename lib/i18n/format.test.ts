import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, formatNumber } from "./format";

const moment = new Date("2026-12-05T20:08:05.250Z");

describe("formatting in the reader's locale", () => {
  it("shows a moment in UTC with the zone named, 24-hour clock, in each locale's order", () => {
    expect(formatDateTime("en", moment)).toBe("12/05/2026, 20:08:05 UTC");
    expect(formatDateTime("zh-CN", moment)).toBe("2026/12/05 UTC 20:08:05");
    expect(formatDateTime("zh-CN", moment, "minute")).toBe("2026/12/05 UTC 20:08");
  });

  it("durations and numbers through Intl", () => {
    expect(formatDuration("en", 850)).toBe("850 ms");
    expect(formatDuration("en", 1540)).toBe("1.5 sec");
    expect(formatDuration("zh-CN", 1540)).toBe("1.5秒");
    expect(formatDuration("en", 125_000)).toBe("2 min 5 sec");
    expect(formatNumber("en", 12345)).toBe("12,345");
    expect(formatNumber("zh-CN", 12345)).toBe("12,345");
  });
});
