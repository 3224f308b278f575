import "server-only";
import { findChainBreak, GENESIS_HASH, type StoredEvent } from "@/lib/audit/hash-chain";
import { db } from "./db";

export type VerifyResult = {
  chainKey: string;
  checked: number;
  ok: boolean;
  firstBad?: { id: string; action: string; createdAt: string; reason: string };
};

const BATCH = 5000;

/** Walks one chain in id order and names the first event whose link or hash does not match. */
export async function verifyAuditChain(chainKey: string): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let afterId = BigInt(-1);
  let checked = 0;
  for (;;) {
    const rows = (await db().auditEvent.findMany({
      where: { chainKey, id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: BATCH,
    })) as unknown as StoredEvent[];
    if (rows.length === 0) return { chainKey, checked, ok: true };
    const broken = findChainBreak(rows, prev);
    if (broken) {
      const bad = rows.find((r) => r.id === broken.id)!;
      checked += rows.indexOf(bad);
      return {
        chainKey,
        checked,
        ok: false,
        firstBad: { id: bad.id.toString(), action: bad.action, createdAt: bad.createdAt.toISOString(), reason: broken.reason },
      };
    }
    checked += rows.length;
    prev = rows[rows.length - 1].hash;
    afterId = rows[rows.length - 1].id;
  }
}

export async function listChainKeys(): Promise<string[]> {
  const rows = await db().auditEvent.findMany({ distinct: ["chainKey"], select: { chainKey: true } });
  return rows.map((r) => r.chainKey);
}
