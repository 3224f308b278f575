import type { KubernetesObject, V2HorizontalPodAutoscaler } from "@kubernetes/client-node";
import type { AppSpec } from "../model/app-spec";
import { CRON_HPA, type Autoscaling, type ScheduledScaling } from "../model/scaling";
import { bagLabels, objectLabels } from "./labels";
import { mergeExtra, setIf, type Obj } from "./object-helpers";

function scaleTargetRef(spec: AppSpec): Obj {
  return { apiVersion: "apps/v1", kind: "StatefulSet", name: spec.name };
}

export function renderHpa(spec: AppSpec, hpa: Autoscaling): V2HorizontalPodAutoscaler {
  const metrics: Obj[] = [];
  if (hpa.cpuUtilization !== undefined) metrics.push(resourceMetric("cpu", hpa.cpuUtilization));
  if (hpa.memoryUtilization !== undefined) metrics.push(resourceMetric("memory", hpa.memoryUtilization));
  const hpaSpec: Obj = { scaleTargetRef: scaleTargetRef(spec), minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas };
  setIf(hpaSpec, "metrics", metrics);
  const out: Obj = {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: hpa.name ?? spec.name, labels: objectLabels(spec.name, bagLabels(hpa.extra)) },
    spec: hpaSpec,
  };
  return mergeExtra(out, hpa.extra) as unknown as V2HorizontalPodAutoscaler;
}

function resourceMetric(name: string, averageUtilization: number): Obj {
  return { type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } };
}

/** The CronHorizontalPodAutoscaler custom resource of the cron-HPA controller. */
export function renderCronHpa(spec: AppSpec, cron: ScheduledScaling): KubernetesObject {
  const cronSpec: Obj = { scaleTargetRef: scaleTargetRef(spec) };
  setIf(cronSpec, "excludeDates", [...cron.excludeDates]);
  cronSpec.jobs = cron.jobs.map((j) => {
    const job: Obj = { name: j.name, schedule: j.schedule, targetSize: j.targetSize };
    if (j.runOnce !== undefined) job.runOnce = j.runOnce;
    return job;
  });
  const out: Obj = { ...CRON_HPA, metadata: { name: cron.name ?? spec.name, labels: objectLabels(spec.name, bagLabels(cron.extra)) }, spec: cronSpec };
  return mergeExtra(out, cron.extra) as KubernetesObject;
}
