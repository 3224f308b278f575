import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// What every log line of one request carries: its id (set by the HTTP hook before proxy.ts, which
// keeps it) and the signed-in user once the session is read. One store per process, on globalThis:
// Next bundles this module into several chunks, and they must all see the same storage.
export type RequestStore = { requestId: string; userId?: string };

const g = globalThis as unknown as { berthRequestStore?: AsyncLocalStorage<RequestStore> };
export const requestStorage: AsyncLocalStorage<RequestStore> = (g.berthRequestStore ??= new AsyncLocalStorage<RequestStore>());

/** The current request's store (undefined outside a request: scripts, start-up). */
export function currentRequest(): RequestStore | undefined {
  return requestStorage.getStore();
}

/** Records who is signed in for the rest of this request's log lines. */
export function noteUser(userId: string): void {
  const store = requestStorage.getStore();
  if (store) store.userId = userId;
}
