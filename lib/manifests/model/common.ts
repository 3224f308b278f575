import { english } from "@/lib/i18n/english";
import type { Msg } from "@/lib/i18n/message";
import * as z from "@/lib/zod";
import { rule } from "../validate/issue-list";

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
    // The catalogue message (validate-app-spec reads zod params.msg); `message` is its English.
    params: { msg: rule("atMostMapEntries", { max: SIZE_LIMITS.mapEntries }) },
  })
  .default({});

export const StringList = z.array(LongString).max(SIZE_LIMITS.listItems).default([]);

const BAG_LIMITS = { depth: 32, nodes: 20_000 } as const;

/**
 * Checks free-form JSON without recursion: a hostile bag nested 100,000 levels
 * deep or holding a million entries must fail here, not overflow the renderer.
 */
export function checkJsonBag(value: unknown): Msg | null {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (++nodes > BAG_LIMITS.nodes) return rule("moreValues", { max: BAG_LIMITS.nodes });
    if (typeof v !== "object" || v === null) continue;
    if (depth >= BAG_LIMITS.depth) return rule("nestedLevels", { max: BAG_LIMITS.depth });
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return null;
}

/** A free-form JSON object, bounded in depth and size. */
export const JsonBag = z.record(z.string(), z.unknown()).superRefine((bag, ctx) => {
  const msg = checkJsonBag(bag);
  if (msg) ctx.addIssue({ code: "custom", message: english(msg), params: { msg } });
});

/**
 * A bag of Kubernetes fields the form does not model (affinity, tolerations,
 * securityContext …). The renderer deep-merges it under the modelled fields,
 * so imported manifests come back out unchanged.
 */
export const Extra = JsonBag.optional();

/** A port given by number or by container port name (probes, target ports). */
export const PortRef = z.union([z.number().int(), ShortString]);

export const Protocol = z.enum(["TCP", "UDP", "SCTP"]);

export type StringMapT = z.output<typeof StringMap>;
