import * as z from "zod";

/**
 * Size limits that keep a hostile or accidental input (10,000 env rows, a
 * megabyte label) from reaching the renderer. They are generous for real apps.
 */
export const SIZE_LIMITS = {
  containers: 32,
  envPerContainer: 500,
  portsPerContainer: 100,
  mountsPerContainer: 100,
  volumes: 100,
  claimTemplates: 20,
  mapEntries: 256,
  listItems: 256,
  ingressRules: 100,
  cronJobs: 50,
  shortString: 253,
  longString: 256 * 1024,
} as const;

export const ShortString = z.string().max(SIZE_LIMITS.shortString);
export const LongString = z.string().max(SIZE_LIMITS.longString);

/** Labels, annotations and other string maps; key syntax is checked by the rules. */
export const StringMap = z
  .record(z.string().max(SIZE_LIMITS.shortString + 64), LongString)
  .refine((m) => Object.keys(m).length <= SIZE_LIMITS.mapEntries, {
    message: `at most ${SIZE_LIMITS.mapEntries} entries`,
  })
  .default({});

export const StringList = z.array(LongString).max(SIZE_LIMITS.listItems).default([]);

/**
 * A bag of Kubernetes fields the form does not model (affinity, tolerations,
 * securityContext …). The renderer deep-merges it under the modelled fields,
 * so imported manifests come back out unchanged.
 */
export const Extra = z.record(z.string(), z.unknown()).optional();

/** A port given by number or by container port name (probes, target ports). */
export const PortRef = z.union([z.number().int(), ShortString]);

export const Protocol = z.enum(["TCP", "UDP", "SCTP"]);

export type StringMapT = z.output<typeof StringMap>;
