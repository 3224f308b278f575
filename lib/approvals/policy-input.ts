import { z } from "@/lib/zod";
import { msg, type Msg } from "@/lib/i18n/message";
import { parseWindows, type FreezeWindow } from "./freeze";

// Messages are catalogue keys ("validation.protection.…"); one with values rides in the issue's
// `params.msg`. runAction shows both in the reader's language.
const issue = (m: Msg, path?: string[]) => ({ code: "custom" as const, message: m.key, params: { msg: m }, ...(path ? { path } : {}) });

// The protection policy form (cluster page), parsed by the server action; pure so the page can
// describe a stored policy with the same vocabulary.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const MAX_POLICY_NAMESPACES = 50;
export const MAX_NAMED_APPROVERS = 20;

const namespaceList = z
  .string()
  .max(4000)
  .default("")
  .transform((text, ctx) => {
    const names = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
    if (names.length > MAX_POLICY_NAMESPACES) ctx.addIssue(issue(msg("validation.protection.tooManyNamespaces", { max: MAX_POLICY_NAMESPACES })));
    const bad = names.filter((n) => !DNS_LABEL.test(n));
    if (bad.length) ctx.addIssue(issue(msg("validation.protection.notNamespace", { names: bad.slice(0, 3).join(", ").slice(0, 200) })));
    return names.sort();
  });

const windowList = z
  .string()
  .max(20 * 200 + 40, "validation.protection.windowsTooLong")
  .default("")
  .transform((text, ctx): FreezeWindow[] => {
    const { windows, errors } = parseWindows(text);
    for (const m of errors) ctx.addIssue(issue(m));
    return windows;
  });

export const protectionInputSchema = z
  .object({
    clusterId: z.string().trim().min(1).max(64),
    namespaces: namespaceList,
    approvalsRequired: z.coerce.number().int("validation.protection.approvalsCount").min(1, "validation.protection.approvalsCount").max(3, "validation.protection.approvalsCount"),
    approvers: z.enum(["managers", "named"], "validation.protection.approvers"),
    approverIds: z.array(z.string().trim().min(1).max(64)).max(MAX_NAMED_APPROVERS, "validation.protection.tooManyApprovers").default([]),
    freezeWindows: windowList,
    expiryHours: z.coerce.number().int("validation.protection.expiryHours").min(1, "validation.protection.expiryHours").max(168, "validation.protection.expiryHours").default(24),
  })
  .superRefine((v, ctx) => {
    if (v.approvers === "named" && v.approverIds.length < v.approvalsRequired) {
      ctx.addIssue(issue(msg("validation.protection.namedApprovers", { count: v.approvalsRequired }), ["approverIds"]));
    }
  });

export type ProtectionInput = z.infer<typeof protectionInputSchema>;

/** Whether a policy narrowed to `namespaces` (empty: all) covers `namespace`. */
export function coversNamespace(namespaces: readonly string[], namespace: string): boolean {
  return namespaces.length === 0 || namespaces.includes(namespace);
}
