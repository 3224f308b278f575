"use client";
import Link from "next/link";
import { useActionState, startTransition, type FormEvent } from "react";
import { FieldError, FormMessage } from "@/app/_components/form";
import type { ActionState } from "@/lib/server/action";
import type { PlanResult } from "@/lib/server/deployments";
import type { DeployableVersion } from "@/lib/server/deployments-render";
import { PlanView } from "../plan-view";
import { deployAction, planAction } from "./actions";
import { ParameterField } from "./parameter-field";

type ClusterOption = { id: string; name: string; namespace: string | null };

// Parameters, clusters and namespace; "Plan" shows the per-object preview, "Deploy" applies.
// The form is submitted by hand (not as a form action) so its fields keep their values.
export function DeployForm({ deployable, clusters }: { deployable: DeployableVersion; clusters: ClusterOption[] }) {
  const [plan, plan_, planning] = useActionState(planAction, null);
  const [deploy, deploy_, deploying] = useActionState(deployAction, null);
  const errors = { ...(plan && !plan.ok ? plan.fieldErrors : {}), ...(deploy && !deploy.ok ? deploy.fieldErrors : {}), ...planFieldErrors(plan) };
  const usable = clusters.filter((c) => c.namespace !== null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(e.currentTarget);
    startTransition(() => (submitter?.value === "deploy" ? deploy_(data) : plan_(data)));
  };
  const busy = planning || deploying;
  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="card space-y-5 p-4" noValidate aria-label="Deployment">
        <input type="hidden" name="templateId" value={deployable.templateId} />
        <input type="hidden" name="version" value={deployable.version} />
        <fieldset className="grid gap-4 xl:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold">Parameters</legend>
          {deployable.parameters.length === 0 ? <p className="text-sm text-slate-500">This version has no parameters.</p> : null}
          {deployable.parameters.map((d) => (
            <ParameterField key={d.name} def={d} error={errors[`values.${d.name}`]?.[0]} />
          ))}
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold">Clusters</legend>
          {clusters.length === 0 ? (
            <p className="text-sm text-slate-600">
              No clusters yet: <Link className="text-brand-700 underline" href="/clusters">register one</Link>.
            </p>
          ) : null}
          <div className="flex flex-wrap gap-4">
            {clusters.map((c) => (
              <label key={c.id} className={`flex items-center gap-2 text-sm ${c.namespace === null ? "text-slate-400" : ""}`}>
                <input type="checkbox" name="clusterIds" value={c.id} defaultChecked={usable.length === 1 && c.namespace !== null} disabled={c.namespace === null} />
                {c.name}
                {c.namespace === null ? <span className="text-xs">(attach your kubeconfig first)</span> : null}
              </label>
            ))}
          </div>
          <FieldError id="clusterIds-error" message={errors.clusterIds?.[0]} />
        </fieldset>
        <div className="flex flex-wrap items-end gap-4">
          <div className="w-64">
            <label htmlFor="f-namespace" className="label">
              Namespace
            </label>
            <input id="f-namespace" name="namespace" className="input" defaultValue={usable[0]?.namespace ?? "default"} aria-invalid={errors.namespace ? true : undefined} />
            <FieldError id="f-namespace-error" message={errors.namespace?.[0]} />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="createNamespace" /> create the namespace if it does not exist
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="force" /> force (take over fields owned by others)
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="recreate" /> recreate, keeping the pods’ volumes
          </label>
        </div>
        <div className="flex gap-3">
          <button type="submit" name="intent" value="plan" className="btn-secondary" disabled={busy}>
            {planning ? "Planning…" : "Plan"}
          </button>
          <button type="submit" name="intent" value="deploy" className="btn-primary" disabled={busy || !plan?.ok}>
            {deploying ? "Deploying…" : "Deploy"}
          </button>
        </div>
        <FormMessage state={plan && !plan.ok ? plan : deploy && !deploy.ok ? deploy : null} />
      </form>
      {deploy?.ok ? <DeployResults results={deploy.data.results} /> : null}
      {plan?.ok ? (
        <section aria-labelledby="plan-h">
          <h2 id="plan-h" className="mb-2 text-base font-semibold">
            Plan for {plan.data.appName}
          </h2>
          <PlanView plans={plan.data.clusters} />
          <details className="mt-3">
            <summary className="cursor-pointer text-sm text-brand-700">Rendered manifest</summary>
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

function DeployResults({ results }: { results: Array<{ clusterId: string; clusterName: string; deploymentId: string | null; status: string; message: string }> }) {
  return (
    <section role="status" aria-label="Deploy results" className="card space-y-2 p-4" data-testid="deploy-results">
      <h2 className="text-base font-semibold">Deploy results</h2>
      {results.map((r) => (
        <p key={r.clusterId} className="text-sm">
          <strong>{r.clusterName || r.clusterId}</strong>: <span className={r.status === "applied" ? "text-green-800" : "text-red-700"}>{r.status}</span> — {r.message}{" "}
          {r.deploymentId ? (
            <Link className="text-brand-700 underline" href={`/deployments/${r.deploymentId}`}>
              open the record and rollout
            </Link>
          ) : null}
        </p>
      ))}
    </section>
  );
}
