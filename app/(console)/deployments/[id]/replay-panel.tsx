"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { ClusterResultLine } from "@/app/_components/cluster-result";
import { BreakGlassFields } from "../break-glass-fields";
import { PlanView } from "../plan-view";
import { planRedeployAction, redeployAction, undeployAction } from "./actions";

// Redeploy (rollback): preview the plan of re-applying this record's exact manifest, give an
// optional reason, confirm. Undeploy: remove the app's objects; the PVCs it keeps are listed.
export function RedeployPanel({ deploymentId, canBreakGlass }: { deploymentId: string; canBreakGlass: boolean }) {
  const [plan, planAction] = useActionState(planRedeployAction, null);
  const [result, redeploy] = useActionState(redeployAction, null);
  return (
    <section aria-labelledby="redeploy-h" className="card space-y-3 p-4">
      <h2 id="redeploy-h" className="text-base font-semibold">Redeploy this record</h2>
      <p className="text-sm text-slate-600">Re-applies the exact manifest below to the same cluster and namespace, as a new record that points to this one.</p>
      <form action={planAction}>
        <input type="hidden" name="deploymentId" value={deploymentId} />
        <SubmitButton className="btn-secondary" pendingText="Planning…">Preview redeploy</SubmitButton>
      </form>
      <FormMessage state={plan && !plan.ok ? plan : null} />
      {plan?.ok ? (
        <>
          <PlanView plans={[plan.data]} />
          <form action={redeploy} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="deploymentId" value={deploymentId} />
            <div className="min-w-72 flex-1">
              <label htmlFor="f-reason" className="label">Reason (optional)</label>
              <input id="f-reason" name="reason" className="input" placeholder="roll back: 1.28 breaks login" />
            </div>
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="force" /> force</label>
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="recreate" /> recreate, keeping volumes</label>
            {plan.data.ownership?.otherTemplate ? (
              <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="takeOver" /> take over (objects of template {plan.data.ownership.otherTemplate.templateName})</label>
            ) : null}
            {canBreakGlass ? <BreakGlassFields error={result && !result.ok ? result.fieldErrors.breakGlassReason?.[0] : undefined} /> : null}
            <SubmitButton pendingText="Redeploying…">Redeploy</SubmitButton>
          </form>
        </>
      ) : null}
      {result ? <ReplayResult result={result} /> : null}
    </section>
  );
}

export function UndeployPanel({ deploymentId, appName, canBreakGlass }: { deploymentId: string; appName: string; canBreakGlass: boolean }) {
  const [result, undeploy] = useActionState(undeployAction, null);
  return (
    <section aria-labelledby="undeploy-h" className="card space-y-3 p-4">
      <h2 id="undeploy-h" className="text-base font-semibold">Undeploy</h2>
      <p className="text-sm text-slate-600">Deletes every object labelled with app {appName} in this namespace. Volume claims are kept (and listed).</p>
      <form action={undeploy} onSubmit={(e) => !confirm(`Undeploy ${appName}?`) && e.preventDefault()}>
        <input type="hidden" name="deploymentId" value={deploymentId} />
        {canBreakGlass ? <div className="mb-2"><BreakGlassFields error={result && !result.ok ? result.fieldErrors.breakGlassReason?.[0] : undefined} /></div> : null}
        <SubmitButton className="btn-danger" pendingText="Undeploying…">Undeploy {appName}</SubmitButton>
      </form>
      {result ? <ReplayResult result={result} /> : null}
      {result?.ok && result.data.keptClaims ? (
        <div data-testid="kept-claims">
          <p className="text-sm font-medium">Kept volume claims:</p>
          <ul className="list-disc pl-5 font-mono text-xs">
            {result.data.keptClaims.length ? result.data.keptClaims.map((c) => <li key={c}>{c}</li>) : <li>none</li>}
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
