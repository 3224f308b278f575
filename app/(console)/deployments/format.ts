import { utcTime } from "@/app/_components/format-time";

// Small display helpers for deployment pages.
export const STATUS_STYLE: Record<string, string> = {
  pending: "bg-slate-100 text-slate-700",
  applying: "bg-blue-100 text-blue-800",
  applied: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
};

export function when(d: Date | null): string {
  return d ? utcTime(d) : "—";
}

export function duration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
