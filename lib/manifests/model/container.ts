import * as z from "@/lib/zod";
import { Extra, LongString, Protocol, ShortString, SIZE_LIMITS, StringList, StringMap } from "./common";
import { EnvFromSchema, EnvVarSchema } from "./env";
import { LifecycleSchema, ProbeSchema } from "./probe";

export const ContainerPortSchema = z.object({
  name: ShortString.optional(),
  containerPort: z.number().int(),
  /** Exposes the port on the node's address (one pod per node can hold it). */
  hostPort: z.number().int().optional(),
  protocol: Protocol.default("TCP"),
});

export const VolumeMountSchema = z.object({
  name: ShortString,
  mountPath: LongString,
  subPath: LongString.optional(),
  readOnly: z.boolean().optional(),
  /** How mounts made on the host or in the container propagate (CSI and node agents use it). */
  mountPropagation: z.enum(["None", "HostToContainer", "Bidirectional"]).optional(),
});

/** CPU / memory (and any other resource) requests and limits, as quantity strings. */
export const ResourcesSchema = z.object({ requests: StringMap, limits: StringMap }).default({ requests: {}, limits: {} });

/**
 * Log collection for the seed's cloud: a log store fed from stdout or from
 * files matching a path glob, with custom tags.
 */
export const LogCollectionSchema = z.object({
  store: ShortString,
  path: LongString,
  tags: StringMap,
});

export const ContainerSchema = z.object({
  name: ShortString,
  image: z.string().max(1024),
  imagePullPolicy: z.enum(["Always", "IfNotPresent", "Never"]).optional(),
  command: StringList,
  args: StringList,
  ports: z.array(ContainerPortSchema).max(SIZE_LIMITS.portsPerContainer).default([]),
  env: z.array(EnvVarSchema).max(SIZE_LIMITS.envPerContainer).default([]),
  envFrom: z.array(EnvFromSchema).max(SIZE_LIMITS.listItems).default([]),
  resources: ResourcesSchema,
  stdin: z.boolean().default(false),
  tty: z.boolean().default(false),
  livenessProbe: ProbeSchema.optional(),
  readinessProbe: ProbeSchema.optional(),
  startupProbe: ProbeSchema.optional(),
  lifecycle: LifecycleSchema.optional(),
  volumeMounts: z.array(VolumeMountSchema).max(SIZE_LIMITS.mountsPerContainer).default([]),
  logs: z.array(LogCollectionSchema).max(SIZE_LIMITS.listItems).default([]),
  /** Container fields the form does not model: securityContext, workingDir, grpc probes … */
  extra: Extra,
});

export type Container = z.output<typeof ContainerSchema>;
export type ContainerPort = z.output<typeof ContainerPortSchema>;
export type VolumeMount = z.output<typeof VolumeMountSchema>;
export type LogCollection = z.output<typeof LogCollectionSchema>;

/** Keys of a Kubernetes container that the model owns (the rest goes to `extra`). */
export const MODELLED_CONTAINER_KEYS = [
  "name", "image", "imagePullPolicy", "command", "args", "ports", "env", "envFrom", "resources",
  "stdin", "tty", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "volumeMounts",
] as const;
