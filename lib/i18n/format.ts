// Dates, durations and numbers in the reader's locale through Intl (pure: server, client, tests).
// Times are shown in UTC with the zone named, so a time copied into a ticket means one moment.
export const DISPLAY_TIME_ZONE = "UTC";

const cache = new Map<string, Intl.DateTimeFormat>();

/** 2026-12-05 20:08:05 UTC (en) · 2026/12/05 UTC 20:08:05 (zh-CN): 24-hour clock, zone named. */
export function formatDateTime(locale: string, date: Date, precision: "minute" | "second" = "second"): string {
  const key = `${locale}|${precision}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: precision === "second" ? "2-digit" : undefined,
      hourCycle: "h23",
      timeZone: DISPLAY_TIME_ZONE,
      timeZoneName: "short",
    });
    cache.set(key, f);
  }
  return f.format(date);
}

/** 850 ms · 1.5 s · 2 min 5 s (en) / 850 毫秒 · 1.5 秒 · 2 分钟 5 秒 (zh-CN), via Intl unit formatting. */
export function formatDuration(locale: string, ms: number): string {
  const unit = (value: number, u: "millisecond" | "second" | "minute" | "hour", digits = 0) => unitFormat(locale, u, digits).format(value);
  if (ms < 1000) return unit(ms, "millisecond");
  if (ms < 60_000) return unit(ms / 1000, "second", 1);
  if (ms < 3_600_000) {
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return s ? `${unit(m, "minute")} ${unit(s, "second")}` : unit(m, "minute");
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.round((ms % 3_600_000) / 60_000);
  return m ? `${unit(h, "hour")} ${unit(m, "minute")}` : unit(h, "hour");
}

export function formatNumber(locale: string, value: number): string {
  return numberFormat(locale, "", () => new Intl.NumberFormat(locale)).format(value);
}

// Building an Intl formatter costs far more than using one (a list page formats hundreds of
// values), so each (locale, options) formatter is made once; they hold no per-request state.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  const k = `${locale}|${key}`;
  let f = numberFormats.get(k);
  if (!f) {
    f = make();
    numberFormats.set(k, f);
  }
  return f;
}

function unitFormat(locale: string, unit: "millisecond" | "second" | "minute" | "hour", digits: number): Intl.NumberFormat {
  return numberFormat(locale, `${unit}|${digits}`, () => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: digits }));
}
