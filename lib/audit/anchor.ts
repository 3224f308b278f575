import { z } from "../zod";
import type { ChainSource } from "./verify-chain";

// The audit chain's anchor outside the database. A hash chain shows a removed or altered event in
// the middle, but not the newest events removed from its end (the rest still links up). The anchor
// file keeps each chain's head (id + hash) as of the last check; the next check requires that event
// to still be there with that hash. Keep the file where the database's owners cannot rewrite it
// (another host, write-once storage): see docs/SECURITY.md.
export type AnchorEntry = { id: string; hash: string; at: string };
export type Anchor = { version: 1; updatedAt: string; chains: Record<string, AnchorEntry> };

const entry = z.object({ id: z.string().regex(/^\d{1,19}$/), hash: z.string().regex(/^[0-9a-f]{64}$/), at: z.string().max(40) });
const anchorSchema = z.object({
  version: z.literal(1),
  updatedAt: z.string().max(40),
  chains: z.record(z.string().min(1).max(200), entry).refine((c) => Object.keys(c).length <= 1_000_000),
});

export function emptyAnchor(): Anchor {
  return { version: 1, updatedAt: new Date(0).toISOString(), chains: Object.create(null) as Record<string, AnchorEntry> };
}

/** Parses an anchor file's text; throws a message naming the problem. */
export function parseAnchor(text: string): Anchor {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("The anchor file is not JSON.");
  }
  const parsed = anchorSchema.safeParse(json);
  if (!parsed.success) throw new Error(`The anchor file is not a Berth audit anchor: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
  const chains = Object.create(null) as Record<string, AnchorEntry>;
  for (const [key, value] of Object.entries(parsed.data.chains)) chains[key] = value;
  return { ...parsed.data, chains };
}

/** Why a chain no longer contains its anchored head, or null when it does. */
export async function checkAnchoredHead(source: ChainSource, chainKey: string, anchored: AnchorEntry): Promise<string | null> {
  const found = await source.find(chainKey, BigInt(anchored.id));
  if (!found) {
    return `anchored head event ${anchored.id} (recorded ${anchored.at}) is missing: events were deleted from the chain's end`;
  }
  if (found.hash !== anchored.hash) return `anchored head event ${anchored.id} (recorded ${anchored.at}) no longer has the recorded hash`;
  return null;
}

/** The anchor with a chain's head recorded now. */
export async function advanceAnchor(anchor: Anchor, source: ChainSource, chainKey: string, now = new Date()): Promise<void> {
  const head = await source.head(chainKey);
  if (head) anchor.chains[chainKey] = { id: head.id.toString(), hash: head.hash, at: now.toISOString() };
  anchor.updatedAt = now.toISOString();
}
