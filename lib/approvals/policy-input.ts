import { z } from "@/lib/zod";
import { parseWindows, type FreezeWindow } from "./freeze";

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
    if (names.length > MAX_POLICY_NAMESPACES) ctx.addIssue({ code: "custom", message: `At most ${MAX_POLICY_NAMESPACES} namespaces.` });
    const bad = names.filter((n) => !DNS_LABEL.test(n));
    if (bad.length) ctx.addIssue({ code: "custom", message: `Not a namespace name: ${bad.slice(0, 3).join(", ").slice(0, 200)}` });
    return names.sort();
  });

const windowList = z
  .string()
  .max(20 * 200 + 40, "Too long: at most 20 windows of 200 characters.")
  .default("")
  .transform((text, ctx): FreezeWindow[] => {
    const { windows, errors } = parseWindows(text);
    for (const message of errors) ctx.addIssue({ code: "custom", message });
    return windows;
  });

export const protectionInputSchema = z
  .object({
    clusterId: z.string().trim().min(1).max(64),
    namespaces: namespaceList,
    approvalsRequired: z.coerce.number().int("Choose 1, 2 or 3.").min(1, "Choose 1, 2 or 3.").max(3, "Choose 1, 2 or 3."),
    approvers: z.enum(["managers", "named"], "Choose who may approve."),
    approverIds: z.array(z.string().trim().min(1).max(64)).max(MAX_NAMED_APPROVERS, `At most ${MAX_NAMED_APPROVERS} named approvers.`).default([]),
    freezeWindows: windowList,
    expiryHours: z.coerce.number().int().min(1, "Between 1 and 168 hours.").max(168, "Between 1 and 168 hours.").default(24),
  })
  .superRefine((v, ctx) => {
    if (v.approvers === "named" && v.approverIds.length < v.approvalsRequired) {
      ctx.addIssue({ code: "custom", path: ["approverIds"], message: `Name at least ${v.approvalsRequired} approver${v.approvalsRequired > 1 ? "s" : ""}: the requester never approves their own request.` });
    }
  });

export type ProtectionInput = z.infer<typeof protectionInputSchema>;

/** Whether a policy narrowed to `namespaces` (empty: all) covers `namespace`. */
export function coversNamespace(namespaces: readonly string[], namespace: string): boolean {
  return namespaces.length === 0 || namespaces.includes(namespace);
}
