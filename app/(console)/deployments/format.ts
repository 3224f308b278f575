import { utcTime } from "@/app/_components/format-time";

// Small display helpers for deployment pages.
export function when(d: Date | null): string {
  return d ? utcTime(d) : "—";
}

export function duration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
