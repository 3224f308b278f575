import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// Which API token the current request acts through, so that every audit event it writes names the
// token (summary.via) without each of the data layer's many recordAudit calls passing it along.
// Per request only (AsyncLocalStorage follows the request's awaits); nothing is kept between requests.
export type Attribution = { type: "api_token"; id: string; name: string };

const store = new AsyncLocalStorage<Attribution>();

export function withTokenAttribution<T>(token: { id: string; name: string }, fn: () => Promise<T>): Promise<T> {
  return store.run({ type: "api_token", id: token.id, name: token.name }, fn);
}

/** The token the running request acts through, or undefined (a browser session, a script). */
export function currentAttribution(): Attribution | undefined {
  return store.getStore();
}
