"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState, startTransition, type FormEvent } from "react";
import { FieldError, FormMessage } from "@/app/_components/form";
import type { ActionState } from "@/lib/server/action";
import type { PlanResult } from "@/lib/server/deployments";
import type { DeployableVersion } from "@/lib/server/deployments-render";
import { ClusterResultLine } from "@/app/_components/cluster-result";
import type { ClusterResult } from "@/lib/server/deployments-run";
import { BreakGlassFields } from "../break-glass-fields";
import { PlanApplyButtons, submittedIntent, useApplyBlockedBecause } from "../plan-and-apply";
import { PlanView } from "../plan-view";
import { deployAction, planAction } from "./actions";
import { ParameterField } from "./parameter-field";

type ClusterOption = {
  id: string;
  name: string;
  /** The credential's default namespace; null: no credential of mine. */
  namespace: string | null;
  /** Namespaces the cluster had at the last check with my credential (null: I may not list them). */
  namespaces: string[] | null;
  /** Where this template already runs on this cluster. */
  runsIn: string | null;
};

// Parameters, clusters and namespace; "Plan" shows the per-object preview, "Deploy" applies
// exactly what was planned: it stays disabled, with the reason beside it, until a plan of the
// form as it is now can go ahead. A successful deploy opens its record.
// The form is submitted by hand (not as a form action) so its fields keep their values.
export function DeployForm({ deployable, clusters, canBreakGlass }: { deployable: DeployableVersion; clusters: ClusterOption[]; canBreakGlass: boolean }) {
  const t = useTranslations("deploy");
  const applyBlockedBecause = useApplyBlockedBecause("deploy");
  const router = useRouter();
  const [plan, plan_, planning] = useActionState(planAction, null);
  const [deploy, deploy_, deploying] = useActionState(deployAction, null);
  /** The plan on screen describes the form as it is (no edit and no deploy since). */
  const [planCurrent, setPlanCurrent] = useState(false);
  const errors = { ...(plan && !plan.ok && planCurrent ? plan.fieldErrors : {}), ...(deploy && !deploy.ok ? deploy.fieldErrors : {}), ...(planCurrent ? planFieldErrors(plan) : {}) };
  const usable = clusters.filter((c) => c.namespace !== null);
  const running = usable.find((c) => c.runsIn !== null);
  const proposedNamespace = running?.runsIn ?? usable[0]?.namespace ?? "default";
  const namespaceOptions = [...new Set(usable.flatMap((c) => [...(c.namespaces ?? []), c.namespace ?? "", c.runsIn ?? ""]).filter(Boolean))].sort();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const { intent, data } = submittedIntent(e);
    const deploying = intent === "deploy";
    setPlanCurrent(!deploying);
    startTransition(() => (deploying ? deploy_(data) : plan_(data)));
  };
  useEffect(() => {
    if (!deploy?.ok) return;
    const [only] = deploy.data.results;
    if (deploy.data.results.length === 1 && only.status === "applied" && only.deploymentId) router.push(`/deployments/${only.deploymentId}`);
  }, [deploy, router]);
  const blockedBecause = applyBlockedBecause(plan?.ok ? plan.data.clusters : null, planCurrent);
  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} onChange={() => setPlanCurrent(false)} className="card space-y-5 p-4" noValidate aria-label={t("form")}>
        <input type="hidden" name="templateId" value={deployable.templateId} />
        <input type="hidden" name="version" value={deployable.version} />
        <fieldset className="grid gap-4 xl:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold">{t("parameters")}</legend>
          {deployable.parameters.length === 0 ? <p className="text-sm text-slate-500">{t("noParameters")}</p> : null}
          {deployable.parameters.map((d) => (
            <ParameterField key={d.name} def={d} error={errors[`values.${d.name}`]?.[0]} />
          ))}
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold">{t("clusters")}</legend>
          {clusters.length === 0 ? (
            <p className="text-sm text-slate-600">
              {t.rich("noClusters", { link: (chunks) => <Link className="text-brand-700 underline" href="/clusters">{chunks}</Link> })}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-4">
            {clusters.map((c) => (
              <label key={c.id} className={`flex items-center gap-2 text-sm ${c.namespace === null ? "text-slate-400" : ""}`}>
                <input type="checkbox" name="clusterIds" value={c.id} defaultChecked={usable.length === 1 && c.namespace !== null} disabled={c.namespace === null} />
                {c.name}
                {c.namespace === null ? <span className="text-xs">{t("attachFirst")}</span> : null}
              </label>
            ))}
          </div>
          <FieldError id="clusterIds-error" message={errors.clusterIds?.[0]} />
        </fieldset>
        <div className="flex flex-wrap items-end gap-4">
          <div className="w-64">
            <label htmlFor="f-namespace" className="label">
              {t("namespace")}
            </label>
            <input
              id="f-namespace"
              name="namespace"
              className="input"
              list="f-namespace-options"
              autoComplete="off"
              defaultValue={proposedNamespace}
              aria-invalid={errors.namespace ? true : undefined}
              aria-describedby={running ? "f-namespace-hint" : undefined}
            />
            <datalist id="f-namespace-options">
              {namespaceOptions.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
            {running ? (
              <p id="f-namespace-hint" className="mt-1 text-xs text-slate-500">
                {t("runsIn", { namespace: running.runsIn ?? "", cluster: running.name })}
              </p>
            ) : null}
            {errors.namespace?.map((m, i) => <FieldError key={m} id={i === 0 ? "f-namespace-error" : `f-namespace-error-${i}`} message={m} />)}
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="createNamespace" /> {t("createNamespace")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="force" /> {t("force")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="recreate" /> {t("recreate")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="takeOver" /> {t("takeOver")}
          </label>
        </div>
        {canBreakGlass ? <BreakGlassFields error={errors.breakGlassReason?.[0]} /> : null}
        <PlanApplyButtons labels={{ plan: t("plan"), apply: t("deploy"), applying: t("deploying"), value: "deploy" }} planning={planning} applying={deploying} blockedBecause={blockedBecause} reasonId="deploy-blocked-reason" />
        <FormMessage state={plan && !plan.ok ? plan : deploy && !deploy.ok ? deploy : null} />
      </form>
      {deploy?.ok ? <DeployResults results={deploy.data.results} /> : null}
      {plan?.ok && planCurrent ? (
        <section aria-labelledby="plan-h">
          <h2 id="plan-h" className="mb-2 text-base font-semibold">
            {t("planFor", { app: plan.data.appName })}
          </h2>
          <PlanView plans={plan.data.clusters} />
          <details className="mt-3">
            <summary className="cursor-pointer text-sm text-brand-700">{t("manifest")}</summary>
            <pre className="card mt-2 max-h-96 overflow-auto p-3 text-xs">{plan.data.manifest}</pre>
          </details>
        </section>
      ) : null}
    </div>
  );
}

function planFieldErrors(plan: ActionState<PlanResult>): Record<string, string[]> {
  if (!plan?.ok) return {};
  return Object.assign({}, ...plan.data.clusters.map((c) => c.fieldErrors));
}

function DeployResults({ results }: { results: ClusterResult[] }) {
  const t = useTranslations("deploy");
  return (
    <section role="status" aria-label={t("results")} className="card space-y-2 p-4" data-testid="deploy-results">
      <h2 className="text-base font-semibold">{t("results")}</h2>
      {results.map((r) => (
        <ClusterResultLine key={r.clusterId} result={r} name={r.clusterName || r.clusterId} />
      ))}
    </section>
  );
}
