import { useTranslations } from "next-intl";

// A deploy request's status as a badge (the approvals list and a request's page).
const STYLE: Record<string, string> = {
  pending: "bg-amber-100 text-amber-900",
  applying: "bg-blue-100 text-blue-800",
  applied: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
  rejected: "bg-red-100 text-red-800",
  withdrawn: "bg-slate-100 text-slate-600",
  expired: "bg-slate-100 text-slate-600",
};
type Status = "pending" | "applying" | "applied" | "failed" | "rejected" | "withdrawn" | "expired";

export function RequestStatusBadge({ status }: { status: string }) {
  const t = useTranslations("approvals.status");
  return (
    <span className={`badge ${STYLE[status] ?? "bg-slate-100 text-slate-600"}`} data-testid="request-status">
      {status in STYLE ? t(status as Status) : status}
    </span>
  );
}
