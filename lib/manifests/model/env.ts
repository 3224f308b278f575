import * as z from "@/lib/zod";
import { LongString, ShortString } from "./common";

/** The form's five environment variable kinds. */
export const EnvVarSchema = z.discriminatedUnion("type", [
  /** custom: a literal value, which may use $(OTHER_VAR) expansion */
  z.object({ type: z.literal("value"), name: ShortString, value: LongString.default("") }),
  z.object({
    type: z.literal("configMapKey"),
    name: ShortString,
    configMapName: ShortString,
    key: ShortString,
    optional: z.boolean().optional(),
  }),
  z.object({
    type: z.literal("secretKey"),
    name: ShortString,
    secretName: ShortString,
    key: ShortString,
    optional: z.boolean().optional(),
  }),
  /** variable reference: pod fields such as metadata.name or status.podIP */
  z.object({ type: z.literal("fieldRef"), name: ShortString, fieldPath: ShortString, apiVersion: ShortString.optional() }),
  /** resource reference: limits.cpu, requests.memory … */
  z.object({
    type: z.literal("resourceFieldRef"),
    name: ShortString,
    resource: ShortString,
    containerName: ShortString.optional(),
    divisor: ShortString.optional(),
  }),
  /** a key of an env file in a pod volume (Kubernetes 1.34+ `fileKeyRef`; the volume must be an emptyDir) */
  z.object({
    type: z.literal("fileKey"),
    name: ShortString,
    volumeName: ShortString,
    path: LongString,
    key: ShortString,
    optional: z.boolean().optional(),
  }),
]);

/** A whole ConfigMap or Secret as environment variables. */
export const EnvFromSchema = z.object({
  type: z.enum(["configMap", "secret"]),
  name: ShortString,
  prefix: ShortString.optional(),
  optional: z.boolean().optional(),
});

export type EnvVar = z.output<typeof EnvVarSchema>;
export type EnvVarType = EnvVar["type"];
export type EnvFrom = z.output<typeof EnvFromSchema>;

export const FIELD_REF_PATHS = [
  "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
  "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
] as const;

export const RESOURCE_REF_NAMES = [
  "limits.cpu", "limits.memory", "limits.ephemeral-storage",
  "requests.cpu", "requests.memory", "requests.ephemeral-storage",
] as const;
