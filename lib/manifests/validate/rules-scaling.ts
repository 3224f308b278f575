import { CronPattern } from "croner";
import type { AppSpec } from "../model/app-spec";
import { managedReplicas } from "../model/scaling";
import type { Msg } from "@/lib/i18n/message";
import { field, rule, type IssueList } from "./issue-list";
import { checkDns1123Label, checkDns1123Subdomain } from "./k8s-names";

/** HPA bounds and metric prerequisites; cron syntax of the scheduled scaling jobs. */
export function checkScaling(list: IssueList, spec: AppSpec): void {
  const managed = managedReplicas(spec);
  if (managed !== undefined && spec.replicas !== managed) list.add(["replicas"], managedReplicasMessage(spec, managed));
  const hpa = spec.autoscaling;
  if (hpa) {
    // Metrics the form does not model (pods, object, external) pass through in extra.spec.metrics.
    const customMetrics = typeof hpa.extra?.spec === "object" && hpa.extra.spec !== null && "metrics" in hpa.extra.spec;
    if (hpa.name !== undefined) list.check(["autoscaling", "name"], checkDns1123Subdomain(hpa.name), field("autoscalerName"));
    if (hpa.minReplicas > hpa.maxReplicas) list.add(["autoscaling", "minReplicas"], rule("minOverMax"));
    if (hpa.cpuUtilization === undefined && hpa.memoryUtilization === undefined && !customMetrics)
      list.add(["autoscaling", "cpuUtilization"], rule("utilizationTarget"));
    for (const [target, resource, key] of [["cpuUtilization", "cpu", "scalingNeedsCpu"], ["memoryUtilization", "memory", "scalingNeedsMemory"]] as const) {
      if (hpa[target] === undefined) continue;
      const missing = spec.containers.filter((c) => c.resources.requests[resource] === undefined).map((c) => c.name);
      if (missing.length) list.add(["autoscaling", target], rule(key, { missing: missing.join(", ") }));
    }
  }
  const cron = spec.scheduledScaling;
  if (cron) {
    if (cron.name !== undefined) list.check(["scheduledScaling", "name"], checkDns1123Subdomain(cron.name), field("scheduledScalingName"));
    cron.jobs.forEach((job, i) => {
      list.check(["scheduledScaling", "jobs", i, "name"], checkDns1123Label(job.name), field("jobNameUpper"));
      list.check(["scheduledScaling", "jobs", i, "schedule"], checkCron(job.schedule));
    });
    list.unique(cron.jobs, (j) => j.name, (i) => ["scheduledScaling", "jobs", i, "name"], field("jobName"));
    cron.excludeDates.forEach((d, i) => list.check(["scheduledScaling", "excludeDates", i], checkCron(d)));
  }
}

/** Render leaves spec.replicas out with an autoscaler, so the form's count must be the one that applies. */
function managedReplicasMessage(spec: AppSpec, managed: number): Msg {
  return spec.autoscaling
    ? rule("hpaReplicas", { min: managed })
    : rule("cronReplicas");
}

/** Returns a message for an invalid cron expression (5 or 6 fields, or @daily-style). */
export function checkCron(expr: string): Msg | null {
  const fields = expr.trim().split(/\s+/);
  if (!expr.startsWith("@") && fields.length !== 5 && fields.length !== 6)
    return rule("cronFields");
  try {
    new CronPattern(expr);
    return null;
  } catch (e) {
    // croner's own reason stays English (a value of the message).
    return rule("cronInvalid", { reason: (e instanceof Error ? e.message : String(e)).replace(/^CronPattern: /, "") });
  }
}
