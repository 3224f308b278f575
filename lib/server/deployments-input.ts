import { z } from "zod";
import { idField, namespaceField } from "./clusters-input";

// Form schemas for plan, deploy, redeploy, undeploy and the history filters.
const flag = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(false);

/** An owner's deploy through a freeze or without approvals: ticked, with a reason (checked by the data layer). */
const breakGlassFields = { breakGlass: flag, breakGlassReason: z.string().trim().max(500, "Keep the reason under 500 characters.").default("") };

export const deployInputSchema = z.object({
  templateId: idField,
  version: z.coerce.number().int().min(1, "Choose a version."),
  values: z.record(z.string(), z.string().max(1024)).default({}),
  clusterIds: z.array(idField).min(1, "Choose at least one cluster.").max(20),
  namespace: namespaceField,
  createNamespace: flag,
  force: flag,
  recreate: flag,
  /** Replace objects another template deployed under this app name (audited). */
  takeOver: flag,
  ...breakGlassFields,
});

export const redeployInputSchema = z.object({
  deploymentId: idField,
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").default(""),
  force: flag,
  recreate: flag,
  takeOver: flag,
  ...breakGlassFields,
});

export const undeployInputSchema = z.object({ deploymentId: idField, reason: z.string().trim().max(500).default(""), ...breakGlassFields });

export const STATUSES = ["pending", "applying", "applied", "failed"] as const;
export const historyFilterSchema = z.object({
  clusterId: z.string().max(64).optional(),
  namespace: z.string().max(63).optional(),
  app: z.string().max(63).optional(),
  templateId: z.string().max(64).optional(),
  status: z.enum(STATUSES).optional(),
  actorId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** `takeOver` and break glass may be left out by callers other than the form (false then). */
type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
type Flags = "takeOver" | "breakGlass" | "breakGlassReason";
export type DeployInput = Optional<z.infer<typeof deployInputSchema>, Flags>;
export type RedeployInput = Optional<z.infer<typeof redeployInputSchema>, Flags>;
export type UndeployInput = Optional<z.infer<typeof undeployInputSchema>, "breakGlass" | "breakGlassReason">;
export type HistoryFilter = z.infer<typeof historyFilterSchema>;
