import { z } from "zod";

// Form schemas for clusters and credentials (server actions parse with these; the data layer
// takes the parsed values).
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const namespaceField = z.string().trim().regex(DNS_LABEL, "Use lower-case letters, digits and '-' (a valid namespace name, ≤ 63).");
export const idField = z.string().trim().min(1).max(64);

export const registerClusterSchema = z.object({
  name: z.string().trim().min(2, "Use at least 2 characters.").max(60, "Keep the name under 60 characters."),
  description: z.string().trim().max(500, "Keep the description under 500 characters.").default(""),
  profile: z.enum(["generic", "alibabacloud"], "Choose a profile.").default("generic"),
});

export const setCredentialSchema = z.object({
  clusterId: idField,
  kubeconfig: z.string().min(1, "Paste or upload a kubeconfig.").max(256 * 1024, "The kubeconfig is larger than 256 KiB."),
  context: z.string().trim().max(253).default(""),
  namespace: z.union([z.literal(""), namespaceField]).default(""),
});

export type RegisterClusterInput = z.infer<typeof registerClusterSchema>;
export type SetCredentialInput = z.infer<typeof setCredentialSchema>;
