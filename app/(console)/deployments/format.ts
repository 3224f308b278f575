import { formatDateTime, formatDuration } from "@/lib/i18n/format";

// Small display helpers for deployment pages, in the reader's locale (lib/i18n/format.ts: Intl,
// UTC with the zone named); "—" when there is nothing to show.
export function when(d: Date | null, locale: string): string {
  return d ? formatDateTime(locale, d) : "—";
}

export function duration(ms: number | null, locale: string): string {
  return ms === null ? "—" : formatDuration(locale, ms);
}
