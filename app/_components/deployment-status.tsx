import { useTranslations } from "next-intl";

// A deployment record's status (pending, applying, applied, failed) as a badge: the deployment
// pages and the application pages show it the same way, in the reader's words.
const STATUS_STYLE: Record<string, string> = {
  pending: "bg-slate-100 text-slate-700",
  applying: "bg-blue-100 text-blue-800",
  applied: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
};

export function DeploymentStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const t = useTranslations("deployments.status");
  const key = status as "applied"; // the four statuses above; another is shown as it is
  return (
    <span className={`badge ${STATUS_STYLE[status] ?? ""}`} data-testid={testId}>
      {t.has(key) ? t(key) : status}
    </span>
  );
}
