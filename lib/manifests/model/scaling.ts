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

// managedReplicas lives in a module without zod (the wizard calls it on its first view).
export { managedReplicas } from "./managed-replicas";
