import "server-only";
import { createHash } from "node:crypto";
import type { Dispatcher } from "undici";

// Kept-alive connections to a cluster, reused across requests: a plan and the deploy that follows
// (two page requests) then share warm TLS connections instead of each opening its own. One pool
// per (cluster, user, exact credential): a pool is never shared between users, and a re-attached
// or changed kubeconfig gets a new one (the old one ages out). A performance cache only — losing
// it (another instance, a restart) costs a handshake, nothing else.
const MAX_POOLS = 200;
const pools = new Map<string, Dispatcher>();

/** The pool key of a stored credential: its owner and a digest of the kubeconfig text itself. */
export function poolKey(clusterId: string, userId: string, kubeconfig: string): string {
  return createHash("sha256").update(`${clusterId}\0${userId}\0${kubeconfig}`).digest("base64url");
}

/** The pool for `key`, made by `make` the first time; the least recently used pool past MAX_POOLS is closed. */
export function pooledDispatcher(key: string, make: () => Dispatcher): Dispatcher {
  const hit = pools.get(key);
  if (hit) {
    // Map order is insertion order: re-inserting keeps the most recently used last.
    pools.delete(key);
    pools.set(key, hit);
    return hit;
  }
  const made = make();
  pools.set(key, made);
  if (pools.size > MAX_POOLS) {
    const [oldest, pool] = pools.entries().next().value!;
    pools.delete(oldest);
    // close() lets requests in flight finish before the sockets go.
    void pool.close().catch(() => undefined);
  }
  return made;
}
