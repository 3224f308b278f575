import * as z from "@/lib/zod";
import { Extra, LongString, PortRef, Protocol, ShortString, SIZE_LIMITS, StringMap } from "./common";

export const ServicePortSchema = z.object({
  name: ShortString.optional(),
  port: z.number().int(),
  targetPort: PortRef,
  protocol: Protocol.default("TCP"),
  /** The application protocol (http, h2c, kubernetes.io/ws …), a hint for proxies and meshes. */
  appProtocol: ShortString.optional(),
  nodePort: z.number().int().optional(),
});

/** The optional user-facing Service (the headless one is always rendered). */
export const ServiceSchema = z.object({
  name: ShortString,
  type: z.enum(["ClusterIP", "NodePort", "LoadBalancer"]).default("ClusterIP"),
  headless: z.boolean().default(false),
  ports: z.array(ServicePortSchema).max(SIZE_LIMITS.portsPerContainer).default([]),
  externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional(),
  annotations: StringMap,
  labels: StringMap,
  extra: Extra,
});

const IngressPathSchema = z.object({
  path: LongString.default("/"),
  pathType: z.enum(["Prefix", "Exact", "ImplementationSpecific"]).default("Prefix"),
  /** The backend is a Service (name + port) … */
  serviceName: ShortString.optional(),
  servicePort: PortRef.optional(),
  /** … or another resource in the namespace (a storage bucket, a gateway), kept as written. */
  resource: z.object({ apiGroup: ShortString.optional(), kind: ShortString, name: ShortString }).optional(),
});

const IngressRuleSchema = z.object({
  host: ShortString.optional(),
  paths: z.array(IngressPathSchema).min(1).max(SIZE_LIMITS.ingressRules),
});

const IngressTlsSchema = z.object({
  hosts: z.array(ShortString).max(SIZE_LIMITS.listItems).default([]),
  secretName: ShortString.optional(),
});

/** Canary release through the ingress-nginx community annotations. */
export const CanarySchema = z.object({
  weight: z.number().int().min(0).max(100).optional(),
  header: ShortString.optional(),
  headerValue: LongString.optional(),
});

export const IngressSchema = z.object({
  name: ShortString,
  className: ShortString.optional(),
  rules: z.array(IngressRuleSchema).min(1).max(SIZE_LIMITS.ingressRules),
  tls: z.array(IngressTlsSchema).max(SIZE_LIMITS.listItems).default([]),
  canary: CanarySchema.optional(),
  annotations: StringMap,
  labels: StringMap,
  extra: Extra,
});

export type Service = z.output<typeof ServiceSchema>;
export type ServicePort = z.output<typeof ServicePortSchema>;
export type Ingress = z.output<typeof IngressSchema>;
export type IngressRule = z.output<typeof IngressRuleSchema>;
export type Canary = z.output<typeof CanarySchema>;

export const CANARY_ANNOTATIONS = {
  enabled: "nginx.ingress.kubernetes.io/canary",
  weight: "nginx.ingress.kubernetes.io/canary-weight",
  header: "nginx.ingress.kubernetes.io/canary-by-header",
  headerValue: "nginx.ingress.kubernetes.io/canary-by-header-value",
} as const;
