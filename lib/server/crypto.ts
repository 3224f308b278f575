import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { decodeKey, env } from "./env";

// AES-256-GCM for secrets at rest (kubeconfigs). Layout: version(1) | iv(12) | tag(16) | ciphertext.
const VERSION = 1;

function key(): Buffer {
  const k = decodeKey(env().BERTH_ENCRYPTION_KEY);
  if (!k) throw new Error("BERTH_ENCRYPTION_KEY is not a 32-byte key");
  return k;
}

export function encryptSecret(plaintext: string, associatedData: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function decryptSecret(sealed: Uint8Array, associatedData: string): string {
  const buf = Buffer.from(sealed);
  if (buf[0] !== VERSION) throw new Error("unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), buf.subarray(1, 13));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(buf.subarray(13, 29));
  return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString("utf8");
}
