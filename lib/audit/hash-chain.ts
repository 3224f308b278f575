import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

// The tamper-evident part of the audit trail, pure so that the writer, the verifier and the
// tests share one definition. hash = SHA-256(prevHash + RFC 8785 canonical JSON of the content).
export const GENESIS_HASH = "0".repeat(64);

export type ChainedContent = {
  chainKey: string;
  teamId: string | null;
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  targetName: string;
  clusterId: string | null;
  clusterName: string;
  namespace: string;
  summary: unknown;
  result: "success" | "failure";
  reason: string;
  ip: string;
  userAgent: string;
  requestId: string;
  createdAt: Date;
  prevHash: string;
};

const CONTENT_KEYS = [
  "chainKey", "teamId", "actorId", "actorEmail", "action", "targetType", "targetId", "targetName", "clusterId",
  "clusterName", "namespace", "summary", "result", "reason", "ip", "userAgent", "requestId", "createdAt", "prevHash",
] as const satisfies readonly (keyof ChainedContent)[];

/** Hashes exactly the content fields (a stored row also has id and hash, which are not content). */
export function hashEvent(event: ChainedContent): string {
  const content: Record<string, unknown> = {};
  for (const key of CONTENT_KEYS) content[key] = event[key];
  content.createdAt = event.createdAt.toISOString();
  const canonical = canonicalize(content);
  return createHash("sha256").update(event.prevHash).update(canonical ?? "").digest("hex");
}

export type StoredEvent = ChainedContent & { id: bigint; hash: string };
export type ChainBreak = { id: bigint; reason: string };

/** Checks a run of consecutive events of one chain; `prev` is the hash before the first one. */
export function findChainBreak(events: StoredEvent[], prev: string): ChainBreak | null {
  let expectedPrev = prev;
  for (const event of events) {
    if (event.prevHash !== expectedPrev) {
      return { id: event.id, reason: "its previous-hash link does not match the event before it (an event was removed or reordered)" };
    }
    if (hashEvent(event) !== event.hash) {
      return { id: event.id, reason: "its content does not match its hash (the row was altered)" };
    }
    expectedPrev = event.hash;
  }
  return null;
}
