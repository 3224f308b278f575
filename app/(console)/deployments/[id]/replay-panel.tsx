"use client";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { ClusterResultLine } from "@/app/_components/cluster-result";
import { BreakGlassFields } from "../break-glass-fields";
import { PlanApplyButtons, submittedIntent, useApplyBlockedBecause } from "../plan-and-apply";
import { PlanView } from "../plan-view";
import { planRedeployAction, redeployAction, undeployAction } from "./actions";

// Redeploy (rollback): preview the plan of re-applying this record's exact manifest with the
// options ticked, give an optional reason, confirm. Like Deploy, Redeploy stays disabled — with
// the reason beside it — until a preview of the options as they are now can go ahead.
// The form is submitted by hand (not as a form action) so its fields keep their values.
export function RedeployPanel({ deploymentId, canBreakGlass }: { deploymentId: string; canBreakGlass: boolean }) {
  const t = useTranslations("deployments.redeploy");
  const applyBlockedBecause = useApplyBlockedBecause("redeploy");
  const [plan, planAction, planning] = useActionState(planRedeployAction, null);
  const [result, redeploy, redeploying] = useActionState(redeployAction, null);
  /** The preview on screen was made with the options as they are (none changed since). */
  const [planCurrent, setPlanCurrent] = useState(false);
  const [lastIntent, setLastIntent] = useState<"plan" | "redeploy" | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const { intent, data } = submittedIntent(e);
    const applying = intent === "redeploy";
    setPlanCurrent(!applying);
    setLastIntent(applying ? "redeploy" : "plan");
    startTransition(() => (applying ? redeploy(data) : planAction(data)));
  };
  const blockedBecause =
    lastIntent === "redeploy" && !planCurrent ? t("previewAgain") : applyBlockedBecause(plan?.ok ? [plan.data] : null, planCurrent);
  const owner = plan?.ok ? plan.data.ownership?.otherTemplate : null;
  return (
    <section aria-labelledby="redeploy-h" className="card space-y-3 p-4">
      <h2 id="redeploy-h" className="text-base font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("help")}</p>
      <form onSubmit={onSubmit} className="space-y-3" aria-label={t("form")} noValidate>
        <input type="hidden" name="deploymentId" value={deploymentId} />
        <div className="flex flex-wrap items-end gap-3" onChange={() => { setPlanCurrent(false); setLastIntent(null); }}>
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="force" /> {t("force")}</label>
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="recreate" /> {t("recreate")}</label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="takeOver" /> {owner ? t("takeOverOf", { template: owner.templateName }) : t("takeOverAny")}
          </label>
        </div>
        <div className="min-w-72 max-w-xl">
          <label htmlFor="f-reason" className="label">{t("reason")}</label>
          <input id="f-reason" name="reason" className="input" placeholder={t("reasonPlaceholder")} />
        </div>
        {canBreakGlass ? <BreakGlassFields error={result && !result.ok ? result.fieldErrors.breakGlassReason?.[0] : undefined} /> : null}
        <PlanApplyButtons labels={{ plan: t("preview"), apply: t("apply"), applying: t("applying"), value: "redeploy" }} planning={planning} applying={redeploying} blockedBecause={blockedBecause} reasonId="redeploy-blocked-reason" />
      </form>
      <FormMessage state={plan && !plan.ok ? plan : null} />
      {plan?.ok && planCurrent ? <PlanView plans={[plan.data]} /> : null}
      {result ? <ReplayResult result={result} /> : null}
    </section>
  );
}

export function UndeployPanel({ deploymentId, appName, canBreakGlass }: { deploymentId: string; appName: string; canBreakGlass: boolean }) {
  const t = useTranslations("deployments.undeploy");
  const [result, undeploy] = useActionState(undeployAction, null);
  return (
    <section aria-labelledby="undeploy-h" className="card space-y-3 p-4">
      <h2 id="undeploy-h" className="text-base font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("help", { app: appName })}</p>
      <form action={undeploy} onSubmit={(e) => !confirm(t("confirm", { app: appName })) && e.preventDefault()}>
        <input type="hidden" name="deploymentId" value={deploymentId} />
        {canBreakGlass ? <div className="mb-2"><BreakGlassFields error={result && !result.ok ? result.fieldErrors.breakGlassReason?.[0] : undefined} /></div> : null}
        <SubmitButton className="btn-danger" pendingText={t("pending")}>{t("button", { app: appName })}</SubmitButton>
      </form>
      {result ? <ReplayResult result={result} /> : null}
      {result?.ok && result.data.keptClaims ? (
        <div data-testid="kept-claims">
          <p className="text-sm font-medium">{t("kept")}</p>
          <ul className="list-disc pl-5 font-mono text-xs">
            {result.data.keptClaims.length ? result.data.keptClaims.map((c) => <li key={c}>{c}</li>) : <li>{t("none")}</li>}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function ReplayResult({ result }: { result: NonNullable<Parameters<typeof redeployAction>[0]> }) {
  if (!result.ok) return <FormMessage state={result} />;
  return (
    <div role="status" className="rounded-md bg-slate-50 px-3 py-2">
      <ClusterResultLine result={result.data} />
    </div>
  );
}
