import "server-only";
import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { Agent, buildConnector, DecoratorHandler, type Dispatcher } from "undici";
import { limitResponseBody } from "./response-limit";
import { countKubeRequests } from "./round-trips";
import { clusterAddressRefusal, clusterHostRefusal, parseClusterAddressPolicy, type ClusterAddressPolicy } from "@/lib/config/cluster-address-policy";

// The one way a cluster request leaves Berth (client.ts installs it on every request):
// - the address the socket connects to is checked against the cluster address policy at connect
//   time — on the resolved IP, inside the DNS lookup the socket itself uses (only allowed
//   addresses reach the socket), so a name that resolves differently later (DNS rebinding) is
//   checked again on every new connection; an IP in the URL is checked before connecting;
// - a redirect answer is an error, never followed: a kubeconfig must not be a way to make Berth
//   fetch some other (internal, plain-http) URL and show what it answered;
// - reply bodies are capped (response-limit.ts);
// - every request is counted for /metrics (round-trips.ts).

/** A request Berth refused to make or to continue (address policy, redirect). */
export class ClusterRequestRefused extends Error {
  override name = "ClusterRequestRefused";
  readonly code = "BERTH_CLUSTER_REFUSED";
}

let configured: ClusterAddressPolicy | undefined;

/** The operator's policy (BERTH_CLUSTER_ALLOW / BERTH_CLUSTER_DENY, validated at start by env-schema.ts). */
export function configuredAddressPolicy(): ClusterAddressPolicy {
  configured ??= parseClusterAddressPolicy(process.env.BERTH_CLUSTER_ALLOW, process.env.BERTH_CLUSTER_DENY);
  return configured;
}

export type TlsOptions = ConnectionOptions;

// How long an idle kept-alive connection to a cluster stays open (the API server does not say;
// undici's default, 4 s, is shorter than the pause between a plan and its deploy). The pool it
// lives in is per credential (connection-pools.ts).
const KEEP_ALIVE_MS = 30_000;

/** How a connection's destination is judged: by host name before DNS, and by each resolved address. */
export type AddressGuard = { host(host: string): string | null; address(host: string, address: string): string | null; refused(message: string): Error };

/**
 * An undici connector that only connects where `guard` allows: the IP in the URL is checked
 * before connecting; a host name is checked, then resolved inside the socket's own lookup, where
 * only allowed addresses are handed on (a name that resolves differently later — DNS rebinding —
 * is checked again on every new connection). Shared by clusters and outgoing webhooks.
 */
export function guardedConnector(tls: TlsOptions, guard: AddressGuard): buildConnector.connector {
  const lookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      // Only addresses the policy allows are handed to the socket; none left → refused.
      const refusals = addresses.map((a) => guard.address(hostname, a.address));
      const allowed = addresses.filter((_, i) => refusals[i] === null);
      if (allowed.length === 0) {
        const refusal = refusals.find((r) => r !== null);
        return callback(refusal ? guard.refused(refusal) : Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
      }
      // net asks for every address (all: true) when it races IPv4/IPv6, for one otherwise.
      if (options.all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
      else callback(null, allowed[0].address, allowed[0].family);
    });
  };
  const connector = buildConnector({ ...(tls as buildConnector.BuildOptions), lookup, keepAlive: true, keepAliveInitialDelay: 30_000 } as buildConnector.BuildOptions);
  return (options, callback) => {
    // An IP address in the URL is connected to without a lookup: check it here; a denied host
    // name is refused before it is resolved.
    const host = options.hostname.replace(/^\[|\]$/g, "");
    const refusal = isIP(host) ? guard.address(host, host) : guard.host(host);
    if (refusal) return callback(guard.refused(refusal), null);
    return connector(options, callback);
  };
}

/** An undici dispatcher for one cluster: TLS options from the kubeconfig, the address policy, no redirects. */
export function guardedDispatcher(tls: TlsOptions, policy: ClusterAddressPolicy): Dispatcher {
  const connect = guardedConnector(tls, {
    host: (host) => clusterHostRefusal(policy, host),
    address: (host, address) => clusterAddressRefusal(policy, host, address),
    refused: (message) => new ClusterRequestRefused(message),
  });
  // A cluster's reply is untrusted: bodies past MAX_RESPONSE_BYTES are not read (response-limit.ts).
  return new Agent({ connect, keepAliveTimeout: KEEP_ALIVE_MS }).compose(countKubeRequests, (dispatch) => (opts, handler) => dispatch(opts, new RefuseRedirects(handler)), limitResponseBody());
}

type Controller = { abort(reason: Error): void };
type Headers = Record<string, string | string[] | undefined>;
// undici 7's handler API (onResponseStart); its typings still describe the older one.
const Decorator = DecoratorHandler as unknown as new (handler: Dispatcher.DispatchHandler) => Dispatcher.DispatchHandler & {
  onResponseStart(controller: Controller, statusCode: number, headers: Headers, statusMessage?: string): void;
};

class RefuseRedirects extends Decorator {
  override onResponseStart(controller: Controller, statusCode: number, headers: Headers, statusMessage?: string): void {
    if (statusCode >= 300 && statusCode < 400 && statusCode !== 304) {
      controller.abort(new ClusterRequestRefused(`the cluster answered with a redirect${redirectHost(headers.location)}; Berth does not follow redirects (is this the API server's URL?)`));
      return;
    }
    super.onResponseStart(controller, statusCode, headers, statusMessage);
  }
}

/** " to host" from a Location header — the host only, never the path or query. */
function redirectHost(location: string | string[] | undefined): string {
  const value = Array.isArray(location) ? location[0] : location;
  if (!value) return "";
  try {
    return ` to ${new URL(value).host.slice(0, 253)}`;
  } catch {
    return " to another path";
  }
}
