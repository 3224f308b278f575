import * as z from "@/lib/zod";
import { Extra, JsonBag, ShortString, SIZE_LIMITS, StringMap } from "./common";
import { ContainerSchema } from "./container";
import { IngressSchema, ServiceSchema } from "./network";
import { AutoscalingSchema, ScheduledScalingSchema } from "./scaling";
import { ClaimTemplateSchema, VolumeSchema } from "./volume";
import { collectRuleIssues } from "../validate/rules";

/** The seed cloud's instance profile; rendered as pod labels only when set. */
export const CloudProfileSchema = z.object({
  instanceType: z.enum(["general-purpose", "performance"]).default("general-purpose"),
  qos: z.enum(["default", "best-effort"]).default("default"),
});

export const UpdateStrategySchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("RollingUpdate"),
    partition: z.number().int().min(0).optional(),
    maxUnavailable: z.union([z.number().int().min(1), ShortString]).optional(),
  }),
  z.object({ type: z.literal("OnDelete") }),
]);

const RetentionRule = z.enum(["Retain", "Delete"]);

/**
 * The application: every field of the 3-step wizard (docs: WORKLOAD-SPEC.md).
 * This base object checks shapes only; `AppSpecSchema` adds the cluster rules.
 */
export const AppSpecObject = z.object({
  // Step 1 — basic information
  name: ShortString,
  /** The seed's case; Deployment may come later. */
  workloadType: z.literal("StatefulSet").default("StatefulSet"),
  replicas: z.number().int().min(0).default(2),
  labels: StringMap,
  annotations: StringMap,
  cloud: CloudProfileSchema.optional(),
  // Step 2 — containers and storage
  imagePullSecrets: z.array(ShortString).max(SIZE_LIMITS.listItems).default([]),
  initContainers: z.array(ContainerSchema).max(SIZE_LIMITS.containers).default([]),
  containers: z.array(ContainerSchema).min(1).max(SIZE_LIMITS.containers),
  volumes: z.array(VolumeSchema).max(SIZE_LIMITS.volumes).default([]),
  volumeClaimTemplates: z.array(ClaimTemplateSchema).max(SIZE_LIMITS.claimTemplates).default([]),
  // Step 3 — advanced
  service: ServiceSchema.optional(),
  ingress: IngressSchema.optional(),
  autoscaling: AutoscalingSchema.optional(),
  scheduledScaling: ScheduledScalingSchema.optional(),
  podLabels: StringMap,
  podAnnotations: StringMap,
  podManagementPolicy: z.enum(["OrderedReady", "Parallel"]).default("OrderedReady"),
  updateStrategy: UpdateStrategySchema.default({ type: "RollingUpdate" }),
  pvcRetentionPolicy: z.object({ whenDeleted: RetentionRule, whenScaled: RetentionRule }).optional(),
  // Identity kept from imported objects (both are immutable on a live StatefulSet).
  /** Name of the headless Service; default `<name>-headless`. */
  headlessServiceName: ShortString.optional(),
  /** Pod selector; default `{ "berth.dev/app": <name> }`. */
  selector: z.record(ShortString, ShortString).optional(),
  // Passthrough: what the form does not model, merged into the rendered objects.
  statefulSetExtra: Extra,
  podExtra: Extra,
  headlessServiceExtra: Extra,
  /** Whole objects that belong to the app but have no form (ConfigMaps, PodDisruptionBudgets). */
  extraObjects: z.array(JsonBag).max(SIZE_LIMITS.listItems).default([]),
});

/** The schema the wizard and the server use: shapes plus every cross-field cluster rule. */
export const AppSpecSchema = AppSpecObject.superRefine((spec, ctx) => {
  for (const issue of collectRuleIssues(spec)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message, params: { msg: issue.msg } });
});

export type AppSpec = z.output<typeof AppSpecObject>;
export type AppSpecInput = z.input<typeof AppSpecObject>;
export type UpdateStrategy = z.output<typeof UpdateStrategySchema>;
export type CloudProfile = z.output<typeof CloudProfileSchema>;
