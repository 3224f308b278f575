import "server-only";
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

// scrypt (memory-hard, in Node's crypto: no native addon) at OWASP's current minimum:
// N=2^17, r=8, p=1 — 128 MiB and a few hundred milliseconds per hash. The parameters are stored
// with each hash (`scrypt$N$r$p$salt$key`), so older hashes (N=2^15 before) still verify and are
// rehashed at the next successful sign-in (needsRehash).
export const PASSWORD_PARAMS = { N: 1 << 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
// Node refuses scrypt above `maxmem` (32 MiB by default); 128·N·r = 128 MiB here, plus headroom.
const MAX_MEM = 256 * 1024 * 1024;
// Stored parameters are read back from the database: never let a row ask for more than this.
const LIMITS = { N: 1 << 18, r: 16, p: 4 } as const;

// Each hash holds 128 MiB while it runs: a burst of sign-ins must not exhaust the server's memory,
// so one instance runs a few at a time and queues the rest (a resource cap, not shared state).
const MAX_CONCURRENT = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await fn();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return withSlot(
    () =>
      new Promise((resolve, reject) =>
        scryptCb(password.normalize("NFKC"), salt, KEY_LENGTH, { ...opts, maxmem: MAX_MEM }, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PASSWORD_PARAMS);
  return ["scrypt", PASSWORD_PARAMS.N, PASSWORD_PARAMS.r, PASSWORD_PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

function parse(stored: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split("$");
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== "scrypt" || !salt || !key || rest.length > 0) return null;
  const powerOfTwo = Number.isInteger(params.N) && params.N > 1 && (params.N & (params.N - 1)) === 0;
  if (!powerOfTwo || params.N > LIMITS.N || !Number.isInteger(params.r) || params.r < 1 || params.r > LIMITS.r || !Number.isInteger(params.p) || params.p < 1 || params.p > LIMITS.p) return null;
  return { ...params, salt: Buffer.from(salt, "base64"), key: Buffer.from(key, "base64") };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await scrypt(password, parsed.salt, { N: parsed.N, r: parsed.r, p: parsed.p });
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

/** True when a stored hash was made with weaker parameters than today's (rehash it at sign-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.N < PASSWORD_PARAMS.N || parsed.r < PASSWORD_PARAMS.r || parsed.p < PASSWORD_PARAMS.p;
}

// Verifying against this when the account does not exist keeps the timing the same.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString("hex"));
  return dummyHash;
}
