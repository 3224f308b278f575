import { CronPattern } from "croner";
import type { AppSpec } from "../model/app-spec";
import { managedReplicas } from "../model/scaling";
import type { IssueList } from "./issue-list";
import { checkDns1123Label, checkDns1123Subdomain } from "./k8s-names";

/** HPA bounds and metric prerequisites; cron syntax of the scheduled scaling jobs. */
export function checkScaling(list: IssueList, spec: AppSpec): void {
  const managed = managedReplicas(spec);
  if (managed !== undefined && spec.replicas !== managed) list.add(["replicas"], managedReplicasMessage(spec, managed));
  const hpa = spec.autoscaling;
  if (hpa) {
    // Metrics the form does not model (pods, object, external) pass through in extra.spec.metrics.
    const customMetrics = typeof hpa.extra?.spec === "object" && hpa.extra.spec !== null && "metrics" in hpa.extra.spec;
    if (hpa.name !== undefined) list.check(["autoscaling", "name"], checkDns1123Subdomain(hpa.name), "Autoscaler name");
    if (hpa.minReplicas > hpa.maxReplicas) list.add(["autoscaling", "minReplicas"], "minimum replicas must not exceed the maximum");
    if (hpa.cpuUtilization === undefined && hpa.memoryUtilization === undefined && !customMetrics)
      list.add(["autoscaling", "cpuUtilization"], "choose a CPU or a memory utilization target");
    for (const [field, resource, label] of [["cpuUtilization", "cpu", "CPU"], ["memoryUtilization", "memory", "memory"]] as const) {
      if (hpa[field] === undefined) continue;
      const missing = spec.containers.filter((c) => c.resources.requests[resource] === undefined).map((c) => c.name);
      if (missing.length) list.add(["autoscaling", field], `scaling on ${label} needs a ${label} request on every container (missing: ${missing.join(", ")})`);
    }
  }
  const cron = spec.scheduledScaling;
  if (cron) {
    if (cron.name !== undefined) list.check(["scheduledScaling", "name"], checkDns1123Subdomain(cron.name), "Scheduled scaling name");
    cron.jobs.forEach((job, i) => {
      list.check(["scheduledScaling", "jobs", i, "name"], checkDns1123Label(job.name), "Job name");
      list.check(["scheduledScaling", "jobs", i, "schedule"], checkCron(job.schedule));
    });
    list.unique(cron.jobs, (j) => j.name, (i) => ["scheduledScaling", "jobs", i, "name"], "job name");
    cron.excludeDates.forEach((d, i) => list.check(["scheduledScaling", "excludeDates", i], checkCron(d)));
  }
}

/** Render leaves spec.replicas out with an autoscaler, so the form's count must be the one that applies. */
function managedReplicasMessage(spec: AppSpec, managed: number): string {
  return spec.autoscaling
    ? `the autoscaler manages the replica count: replicas must equal the minimum replicas (${managed})`
    : "scheduled scaling manages the replica count: replicas must be 1 (the StatefulSet starts at 1 until a job scales it)";
}

/** Returns a message for an invalid cron expression (5 or 6 fields, or @daily-style). */
export function checkCron(expr: string): string | null {
  const fields = expr.trim().split(/\s+/);
  if (!expr.startsWith("@") && fields.length !== 5 && fields.length !== 6)
    return "schedule must have 5 fields (minute hour day month weekday) or 6 (with seconds first)";
  try {
    new CronPattern(expr);
    return null;
  } catch (e) {
    return `invalid schedule: ${(e instanceof Error ? e.message : String(e)).replace(/^CronPattern: /, "")}`;
  }
}
