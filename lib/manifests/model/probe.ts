import * as z from "@/lib/zod";
import { LongString, PortRef, ShortString, SIZE_LIMITS } from "./common";

/** Repeats are allowed: HTTP allows the same header name more than once. */
const HttpHeader = z.object({ name: ShortString, value: LongString });

const HttpGetAction = {
  type: z.literal("httpGet"),
  path: LongString.default("/"),
  port: PortRef,
  scheme: z.enum(["HTTP", "HTTPS"]).default("HTTP"),
  host: ShortString.optional(),
  headers: z.array(HttpHeader).max(SIZE_LIMITS.listItems).default([]),
};
const TcpSocketAction = { type: z.literal("tcpSocket"), port: PortRef, host: ShortString.optional() };
const ExecAction = { type: z.literal("exec"), command: z.array(LongString).min(1).max(SIZE_LIMITS.listItems) };

/** Probe timings with the Kubernetes defaults (the form pre-fills the seed's per-kind delays). */
const ProbeTiming = {
  initialDelaySeconds: z.number().int().min(0).default(0),
  periodSeconds: z.number().int().min(1).default(10),
  timeoutSeconds: z.number().int().min(1).default(1),
  successThreshold: z.number().int().min(1).default(1),
  failureThreshold: z.number().int().min(1).default(3),
};

export const ProbeSchema = z.discriminatedUnion("type", [
  z.object({ ...HttpGetAction, ...ProbeTiming }),
  z.object({ ...TcpSocketAction, ...ProbeTiming }),
  z.object({ ...ExecAction, ...ProbeTiming }),
]);

/** postStart / preStop: run a command or call an HTTP endpoint. */
export const LifecycleHandlerSchema = z.discriminatedUnion("type", [
  z.object(ExecAction),
  z.object(HttpGetAction),
]);

export const LifecycleSchema = z.object({
  postStart: LifecycleHandlerSchema.optional(),
  preStop: LifecycleHandlerSchema.optional(),
});

export type Probe = z.output<typeof ProbeSchema>;
export type ProbeType = Probe["type"];
export type LifecycleHandler = z.output<typeof LifecycleHandlerSchema>;
