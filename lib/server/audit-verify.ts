import "server-only";
import { prismaChainSource, verifyChain, type VerifyResult } from "@/lib/audit/verify-chain";
import { recordAuditAlone } from "./audit";
import { authorize, type Ctx } from "./authz";
import { db } from "./db";

export type { VerifyResult } from "@/lib/audit/verify-chain";

/** Walks one chain in id order and names the first event whose link or hash does not match. */
export async function verifyAuditChain(chainKey: string): Promise<VerifyResult> {
  return verifyChain(prismaChainSource(db()), chainKey);
}

export async function listChainKeys(): Promise<string[]> {
  return prismaChainSource(db()).chainKeys();
}

/** The page's "Verify chain": owners/admins verify their team's chain; the check is itself audited. */
export async function verifyTeamChain(ctx: Ctx): Promise<VerifyResult> {
  const actor = await authorize(ctx, "audit.read.team", { what: "verify the audit chain" });
  const result = await verifyAuditChain(ctx.teamId);
  await recordAuditAlone({
    action: "audit.verify",
    actor: { id: actor.userId, email: actor.email },
    teamId: ctx.teamId,
    target: { type: "audit-chain", id: ctx.teamId },
    summary: { checked: result.checked, ok: result.ok, firstBadId: result.firstBad?.id ?? null },
    result: result.ok ? "success" : "failure",
    reason: result.firstBad ? `event ${result.firstBad.id}: ${result.firstBad.reason}` : "",
  });
  return result;
}
