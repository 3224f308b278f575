import { formatDateTime, formatDuration } from "@/lib/i18n/format";

// Small display helpers for deployment pages, in the reader's locale (lib/i18n/format.ts: Intl,
// UTC with the zone named). The locale defaults to English for pages not converted yet.
export function when(d: Date | null, locale = "en"): string {
  return d ? formatDateTime(locale, d) : "—";
}

export function duration(ms: number | null, locale = "en"): string {
  return ms === null ? "—" : formatDuration(locale, ms);
}
