import "server-only";
import { createHash, randomBytes } from "node:crypto";

// Secrets carried in a link (invitations, password resets): random, and only their SHA-256 is
// stored, so a database leak does not leak working links.
export const newLinkToken = (): string => randomBytes(24).toString("base64url");
export const hashLinkToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** The hash to look a link's secret up by, or null for what no link of ours can be (empty, oversized). */
export function linkTokenLookup(token: string): string | null {
  return token && token.length <= 200 ? hashLinkToken(token) : null;
}
