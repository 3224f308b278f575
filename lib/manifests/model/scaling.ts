import * as z from "@/lib/zod";
import { Extra, ShortString, SIZE_LIMITS } from "./common";

/** Metric scaling: autoscaling/v2 HorizontalPodAutoscaler on CPU and/or memory utilization. */
export const AutoscalingSchema = z.object({
  /** The HPA's name; default the app's name (an imported HPA keeps its own). */
  name: ShortString.optional(),
  minReplicas: z.number().int().min(1).default(1),
  maxReplicas: z.number().int().min(1),
  cpuUtilization: z.number().int().min(1).max(1000).optional(),
  memoryUtilization: z.number().int().min(1).max(1000).optional(),
  extra: Extra,
});

const CronJobSchema = z.object({
  name: ShortString,
  /** 5 fields (minute first) or 6 fields (second first, as the cron-HPA controller reads it). */
  schedule: ShortString,
  targetSize: z.number().int().min(0),
  runOnce: z.boolean().optional(),
});

/** Scheduled scaling: a CronHorizontalPodAutoscaler (ack-kubernetes-cronhpa-controller). */
export const ScheduledScalingSchema = z.object({
  /** The CronHorizontalPodAutoscaler's name; default the app's name. */
  name: ShortString.optional(),
  jobs: z.array(CronJobSchema).min(1).max(SIZE_LIMITS.cronJobs),
  excludeDates: z.array(ShortString).max(SIZE_LIMITS.listItems).default([]),
  extra: Extra,
});

export type Autoscaling = z.output<typeof AutoscalingSchema>;
export type ScheduledScaling = z.output<typeof ScheduledScalingSchema>;
export type CronJob = z.output<typeof CronJobSchema>;

export const CRON_HPA = {
  apiVersion: "autoscaling.alibabacloud.com/v1beta1",
  kind: "CronHorizontalPodAutoscaler",
} as const;

/**
 * The replica count the model requires when an autoscaler owns `spec.replicas` (through the scale
 * subresource), or undefined when the form's count is applied. Render then leaves `spec.replicas`
 * out, so `replicas` is not applied: with an HPA it equals `minReplicas` (what the HPA enforces);
 * with scheduled scaling only it is 1, what Kubernetes starts a StatefulSet without the field at.
 */
export function managedReplicas(spec: { autoscaling?: Pick<Autoscaling, "minReplicas">; scheduledScaling?: unknown }): number | undefined {
  if (spec.autoscaling) return spec.autoscaling.minReplicas;
  return spec.scheduledScaling ? 1 : undefined;
}
