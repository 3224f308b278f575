// Freeze windows: when deploys to a protected target are refused. Pure (no server code), shared by
// the data layer (the decision, with an injected "now") and the cluster page (the description).
//
// Two kinds, both written as wall-clock times in an IANA time zone:
//   weekly  "Fri 16:00 - Mon 08:00 Asia/Shanghai"  (every week; may wrap past Sunday)
//   dates   "2026-12-24 00:00 - 2026-12-27 08:00 Europe/Berlin"  (once)
// Time-zone arithmetic is never done by hand: an instant is turned into the zone's wall clock with
// Intl.DateTimeFormat (the ICU data Node ships), and windows compare wall-clock values. That keeps
// daylight-saving changes right by construction (a window "Fri 16:00" starts at 16:00 local time
// whatever the offset that day).

import { isMsg, msg, type Msg } from "@/lib/i18n/message";

export const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
export type Day = (typeof DAYS)[number];

export type WeeklyWindow = { kind: "weekly"; fromDay: Day; fromTime: string; toDay: Day; toTime: string; zone: string };
export type DatesWindow = { kind: "dates"; from: string; to: string; zone: string }; // "YYYY-MM-DD HH:MM"
export type FreezeWindow = WeeklyWindow | DatesWindow;

export const MAX_WINDOWS = 20;
const MAX_LINE = 200;

const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const DAY = "(Sun|Mon|Tue|Wed|Thu|Fri|Sat)";
const DATE = "(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])";
const DASH = "\\s*(?:-|–|—|to)\\s*";
const ZONE = "([A-Za-z][A-Za-z0-9_+\\-]*(?:/[A-Za-z0-9_+\\-]+){0,2})";
// Anchored, no nested quantifiers: linear on every input (and lines are capped at 200 characters).
const WEEKLY_RE = new RegExp(`^${DAY}\\s+${TIME}${DASH}${DAY}\\s+${TIME}\\s+${ZONE}$`, "i");
const DATES_RE = new RegExp(`^${DATE}[ T]${TIME}${DASH}${DATE}[ T]${TIME}\\s+${ZONE}$`);

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's formatter, or null when the zone is not one Intl knows. */
function formatter(zone: string): Intl.DateTimeFormat | null {
  const known = formatters.get(zone);
  if (known) return known;
  try {
    const f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
    });
    if (formatters.size < 500) formatters.set(zone, f);
    return f;
  } catch {
    return null;
  }
}

export function isTimeZone(zone: string): boolean {
  return zone.length <= 64 && formatter(zone) !== null;
}

/** The wall clock in `zone` at `at`: weekday and "YYYY-MM-DD HH:MM". */
export function wallClock(at: Date, zone: string): { day: Day; local: string } {
  const f = formatter(zone);
  if (!f) throw new Error(`unknown time zone ${zone}`);
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: parts.weekday as Day, local: `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}` };
}

const minuteOfWeek = (day: Day, time: string) => DAYS.indexOf(day) * 1440 + Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether `at` falls inside the window: [from, to), weekly windows wrapping past Saturday. */
export function inWindow(w: FreezeWindow, at: Date): boolean {
  const now = wallClock(at, w.zone);
  if (w.kind === "dates") return w.from <= now.local && now.local < w.to;
  const m = minuteOfWeek(now.day, now.local.slice(11));
  const from = minuteOfWeek(w.fromDay, w.fromTime);
  const to = minuteOfWeek(w.toDay, w.toTime);
  return from <= to ? from <= m && m < to : m >= from || m < to;
}

/** The first window `at` falls in, or null: deploys may go ahead. */
export function activeFreeze(windows: readonly FreezeWindow[], at: Date): FreezeWindow | null {
  return windows.find((w) => inWindow(w, at)) ?? null;
}

export function describeWindow(w: FreezeWindow): string {
  return w.kind === "weekly" ? `${w.fromDay} ${w.fromTime} – ${w.toDay} ${w.toTime} ${w.zone}` : `${w.from} – ${w.to} ${w.zone}`;
}

const canonicalDay = (d: string) => DAYS.find((x) => x.toLowerCase() === d.toLowerCase()) as Day;

/** One line of the form → a window, or the reason it is not one. */
/** One line of the form → a window, or why it is not one (a catalogue message: the form shows it in the reader's language). */
export function parseWindow(line: string): FreezeWindow | Msg {
  const text = line.trim();
  if (text.length > MAX_LINE) return msg("validation.protection.windowLong", { max: MAX_LINE });
  const weekly = WEEKLY_RE.exec(text);
  if (weekly) {
    const [, fd, fh, fm, td, th, tm, zone] = weekly;
    if (!isTimeZone(zone)) return msg("validation.protection.notTimeZone", { zone });
    const w: WeeklyWindow = { kind: "weekly", fromDay: canonicalDay(fd), fromTime: `${fh}:${fm}`, toDay: canonicalDay(td), toTime: `${th}:${tm}`, zone };
    if (minuteOfWeek(w.fromDay, w.fromTime) === minuteOfWeek(w.toDay, w.toTime)) return msg("validation.protection.sameStartEnd");
    return w;
  }
  const dates = DATES_RE.exec(text);
  if (dates) {
    const [, fy, fmo, fd, fh, fmi, ty, tmo, td, th, tmi, zone] = dates;
    if (!isTimeZone(zone)) return msg("validation.protection.notTimeZone", { zone });
    const from = `${fy}-${fmo}-${fd} ${fh}:${fmi}`;
    const to = `${ty}-${tmo}-${td} ${th}:${tmi}`;
    if (!validDate(fy, fmo, fd) || !validDate(ty, tmo, td)) return msg("validation.protection.noSuchDate");
    if (from >= to) return msg("validation.protection.endAfterStart");
    return { kind: "dates", from, to, zone };
  }
  return msg("validation.protection.windowFormat");
}

function validDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** The form's text (one window a line) → windows, or per-line errors. */
export function parseWindows(text: string): { windows: FreezeWindow[]; errors: Msg[] } {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_WINDOWS) return { windows: [], errors: [msg("validation.protection.tooManyWindows", { max: MAX_WINDOWS })] };
  const windows: FreezeWindow[] = [];
  const errors: Msg[] = [];
  lines.forEach((line, i) => {
    const parsed = parseWindow(line);
    if (isMsg(parsed)) errors.push(msg("validation.protection.line", { line: i + 1, reason: parsed }));
    else windows.push(parsed);
  });
  return { windows, errors };
}

/** Stored windows (JSON from the database) read back defensively: anything malformed is dropped. */
export function storedWindows(value: unknown): FreezeWindow[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, MAX_WINDOWS).flatMap((w) => {
    const parsed = w && typeof w === "object" ? parseWindow(describeWindow(w as FreezeWindow)) : null;
    return parsed === null || isMsg(parsed) ? [] : [parsed];
  });
}
