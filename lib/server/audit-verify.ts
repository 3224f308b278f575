import "server-only";
import { prismaChainSource, verifyChain, verifyEventFields, type VerifyResult } from "@/lib/audit/verify-chain";
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
  await recordAuditAlone({ ...verifyEventFields(result), actor: { id: actor.userId, email: actor.email }, teamId: ctx.teamId });
  return result;
}
