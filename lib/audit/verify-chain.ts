import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findChainBreak, GENESIS_HASH, type StoredEvent } from "./hash-chain";

// Walks a hash chain in id order and names the first event whose link or hash does not match.
// Free of `server-only` and of the app's configuration so that `npm run audit:verify` (plain
// tsx, outside Next) runs the very same code as the page's "Verify chain" button.
export type VerifyResult = {
  chainKey: string;
  checked: number;
  ok: boolean;
  firstBad?: { id: string; action: string; createdAt: string; reason: string };
};

export type ChainSource = {
  batch(chainKey: string, afterId: bigint, limit: number): Promise<StoredEvent[]>;
  chainKeys(): Promise<string[]>;
  /** The newest event of a chain (its head), or null for an empty chain. */
  head(chainKey: string): Promise<{ id: bigint; hash: string } | null>;
  /** One event of a chain by id, or null. */
  find(chainKey: string, id: bigint): Promise<{ id: bigint; hash: string } | null>;
};

export async function verifyChain(source: ChainSource, chainKey: string, batchSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let afterId = BigInt(-1);
  let checked = 0;
  for (;;) {
    const rows = await source.batch(chainKey, afterId, batchSize);
    if (rows.length === 0) return { chainKey, checked, ok: true };
    const broken = findChainBreak(rows, prev);
    if (broken) {
      const index = rows.findIndex((r) => r.id === broken.id);
      const bad = rows[index];
      return {
        chainKey,
        checked: checked + index,
        ok: false,
        firstBad: { id: bad.id.toString(), action: bad.action, createdAt: bad.createdAt.toISOString(), reason: broken.reason },
      };
    }
    checked += rows.length;
    prev = rows[rows.length - 1].hash;
    afterId = rows[rows.length - 1].id;
  }
}

/** The `audit.verify` event that records a check (the page's button and the command line). */
export function verifyEventFields(result: VerifyResult) {
  return {
    action: "audit.verify" as const,
    target: { type: "audit-chain", id: result.chainKey },
    summary: { checked: result.checked, ok: result.ok, firstBadId: result.firstBad?.id ?? null },
    result: result.ok ? ("success" as const) : ("failure" as const),
    reason: result.firstBad ? `event ${result.firstBad.id}: ${result.firstBad.reason}` : "",
  };
}

/** Reads chains through a Prisma client (the app's, or one the command line made). */
export function prismaChainSource(client: PrismaClient): ChainSource {
  return {
    batch: async (chainKey, afterId, limit) =>
      (await client.auditEvent.findMany({ where: { chainKey, id: { gt: afterId } }, orderBy: { id: "asc" }, take: limit })) as unknown as StoredEvent[],
    head: (chainKey) => client.auditEvent.findFirst({ where: { chainKey }, orderBy: { id: "desc" }, select: { id: true, hash: true } }),
    find: (chainKey, id) => client.auditEvent.findFirst({ where: { chainKey, id }, select: { id: true, hash: true } }),
    // Distinct chain keys by skipping through the (chainKey, id) index, not scanning the table.
    chainKeys: async () => {
      const rows = await client.$queryRawUnsafe<{ chainKey: string }[]>(`
        WITH RECURSIVE k AS (
          (SELECT "chainKey" FROM "AuditEvent" ORDER BY "chainKey" LIMIT 1)
          UNION ALL
          SELECT (SELECT "chainKey" FROM "AuditEvent" WHERE "chainKey" > k."chainKey" ORDER BY "chainKey" LIMIT 1)
          FROM k WHERE k."chainKey" IS NOT NULL
        )
        SELECT "chainKey" FROM k WHERE "chainKey" IS NOT NULL`);
      return rows.map((r) => r.chainKey);
    },
  };
}
