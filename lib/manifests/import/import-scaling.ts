import { managedReplicas } from "../model/scaling";
import { importMsg, type ImportContext } from "./import-context";
import { userLabels } from "./import-labels";
import { asObj, compact, type Obj } from "./read";

/** Name (kept when it is not the app's), labels (Berth's own removed) and the rest of the metadata. */
function importMetadata(metadata: unknown, appName: string, ctx: ImportContext, path: string): { name: Obj; extra: Obj | undefined } {
  const { name, labels: _l, ...rest } = asObj(metadata);
  ctx.stringMap(metadata, "annotations", `${path}.extra.metadata.annotations`);
  const labels = userLabels(ctx.stringMap(metadata, "labels", `${path}.extra.metadata.labels`), appName, ctx, path);
  return { name: name !== undefined && name !== appName ? { name } : {}, extra: compact({ ...rest, labels: compact(labels) }) };
}

/** HPA v2: CPU/memory utilization targets are modelled; any other metric keeps the list as passthrough. */
export function importHpa(hpa: Obj, appName: string, ctx: ImportContext): Obj {
  const { apiVersion: _v, kind: _k, metadata, spec, ...topRest } = hpa;
  const { scaleTargetRef: _t, minReplicas, maxReplicas, metrics, ...specRest } = asObj(spec);
  ctx.source("autoscaling", spec, metadata, hpa);
  const meta = importMetadata(metadata, appName, ctx, "autoscaling");
  const targets: Record<string, unknown> = {};
  let modelled = true;
  for (const m of ctx.list(spec, "metrics", "autoscaling.extra.spec.metrics")) {
    const resource = asObj(asObj(m).resource);
    const target = asObj(resource.target);
    const name = resource.name;
    const simple = asObj(m).type === "Resource" && target.type === "Utilization" && Object.keys(target).length === 2 && (name === "cpu" || name === "memory");
    if (!simple || targets[name as string] !== undefined) modelled = false;
    else targets[name as string] = target.averageUtilization;
  }
  const extraSpec = compact({ ...specRest, ...(modelled ? {} : { metrics }) });
  const extra = compact({ ...topRest, metadata: meta.extra, spec: extraSpec });
  return {
    ...meta.name,
    minReplicas: minReplicas ?? 1,
    maxReplicas,
    ...(modelled && targets.cpu !== undefined ? { cpuUtilization: targets.cpu } : {}),
    ...(modelled && targets.memory !== undefined ? { memoryUtilization: targets.memory } : {}),
    ...(extra ? { extra } : {}),
  };
}

export function importCronHpa(cron: Obj, appName: string, ctx: ImportContext): Obj {
  const { apiVersion: _v, kind: _k, metadata, spec, ...topRest } = cron;
  const { scaleTargetRef: _t, jobs: _j, excludeDates, ...specRest } = asObj(spec);
  ctx.source("scheduledScaling", spec, metadata, cron);
  const meta = importMetadata(metadata, appName, ctx, "scheduledScaling");
  const extra = compact({ ...topRest, metadata: meta.extra, spec: compact(specRest) });
  return {
    ...meta.name,
    jobs: ctx.list(spec, "jobs", "scheduledScaling.jobs").map((j) => {
      const { name, schedule, targetSize, runOnce } = asObj(j);
      return { name, schedule, targetSize, ...(runOnce !== undefined ? { runOnce } : {}) };
    }),
    excludeDates: excludeDates ?? [],
    ...(extra ? { extra } : {}),
  };
}

/**
 * With an autoscaler the StatefulSet's own `spec.replicas` is not applied (render leaves it out):
 * the app takes the count the model requires (HPA minReplicas, or 1 with scheduled scaling only).
 * A live export carries the current scale; a different value there is dropped with a warning.
 */
export function takeManagedReplicas(draft: Obj, stsReplicas: unknown, ctx: ImportContext): void {
  const managed = managedReplicas({ autoscaling: draft.autoscaling as { minReplicas: number } | undefined, scheduledScaling: draft.scheduledScaling });
  if (typeof managed !== "number") return;
  if (stsReplicas !== undefined && stsReplicas !== managed)
    ctx.warn(importMsg("warn.replicasManaged", { replicas: String(stsReplicas), managed }), "replicas");
  draft.replicas = managed;
}
