import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { useFormatMsg } from "@/app/_components/use-format-msg";
import type { ClusterPlan } from "@/lib/server/deployments";

// The two buttons of a plan-then-apply form (deploy, redeploy): Plan, and the apply button that
// stays disabled until a plan of the form as it is now can go ahead — with why, beside it.

/**
 * Why the apply button (Deploy, Redeploy) is disabled, "" when it may go ahead: no plan yet, a plan
 * of options since changed, or a blocked plan — said beside the button (issue 11, item 5). The
 * blockers are the data layer's catalogue messages (in the reader's language) or the cluster's own words.
 */
export function useApplyBlockedBecause(apply: "deploy" | "redeploy"): (clusters: ClusterPlan[] | null, current: boolean) => string {
  const t = useTranslations("plan.apply");
  const format = useFormatMsg();
  return (clusters, current) => {
    if (!clusters) return t(apply === "deploy" ? "firstDeploy" : "firstRedeploy");
    if (!current) return t(apply === "deploy" ? "changedDeploy" : "changedRedeploy");
    const blockers = clusters.flatMap((c) => c.blockerMsgs.map(format).map((b) => (clusters.length > 1 ? `${c.clusterName || c.clusterId}: ${b}` : b)));
    if (blockers.length === 0) return "";
    return t("blocked", { shown: blockers.slice(0, 3).join("; "), more: Math.max(0, blockers.length - 3) });
  };
}

/** The submitted form's data and which button sent it ("plan", or the apply button's value). */
export function submittedIntent(e: FormEvent<HTMLFormElement>): { intent: string; data: FormData } {
  e.preventDefault();
  const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
  return { intent: submitter?.value ?? "", data: new FormData(e.currentTarget) };
}

export function PlanApplyButtons({ labels, planning, applying, blockedBecause, reasonId }: {
  labels: { plan: string; apply: string; applying: string; value: string };
  planning: boolean;
  applying: boolean;
  /** applyBlockedBecause(…): "" when apply may go ahead. */
  blockedBecause: string;
  /** The id (and test id) of the reason beside the apply button. */
  reasonId: string;
}) {
  const t = useTranslations("plan.apply");
  const busy = planning || applying;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="submit" name="intent" value="plan" className="btn-secondary" disabled={busy}>
        {planning ? t("planning") : labels.plan}
      </button>
      <button type="submit" name="intent" value={labels.value} className="btn-primary" disabled={busy || blockedBecause !== ""} aria-describedby={reasonId}>
        {applying ? labels.applying : labels.apply}
      </button>
      <p id={reasonId} className="min-w-0 flex-1 text-sm text-slate-600" data-testid={reasonId}>
        {busy ? "" : blockedBecause}
      </p>
    </div>
  );
}
