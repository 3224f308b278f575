import "server-only";
import { KubeConfig, type Cluster, type RequestContext } from "@kubernetes/client-node";
import type { Dispatcher } from "undici";
import type { ClusterAddressPolicy } from "@/lib/config/cluster-address-policy";
import { decryptSecret } from "../crypto";
import { pooledDispatcher, poolKey } from "./connection-pools";
import { configuredAddressPolicy, guardedDispatcher, type TlsOptions } from "./guarded-dispatcher";
import { vetKubeconfig } from "./kubeconfig-policy";

// The only module that decrypts a stored kubeconfig. It builds a KubeConfig from the vetted,
// normalized text with loadFromString — never from files or the environment — and re-vets the
// text first, so a row written by anything else still cannot make the server run a program
// or read its own files.
export type SealedCredential = { clusterId: string; userId: string; kubeconfigCipher: Uint8Array };

/** The associated data that binds a sealed kubeconfig to its cluster and user. */
export function credentialAad(clusterId: string, userId: string): string {
  return `berth:cluster-credential:${clusterId}:${userId}`;
}

export const REQUEST_TIMEOUT_MS = 30_000;

type DispatcherFactory = (cluster: Cluster | null, agentOptions: TlsOptions) => Dispatcher | undefined;

/**
 * Every request gives up after a deadline (an unreachable cluster cannot hang a deploy or a
 * page), and goes through Berth's guarded dispatcher (address policy at connect time, no
 * redirects — guarded-dispatcher.ts). client-node 2 builds an undici dispatcher per request in
 * its (private) `createDispatcher`; this class replaces that method, and refuses to send a
 * request that would not use the guarded dispatcher.
 */
class BoundedKubeConfig extends KubeConfig {
  private guarded: Dispatcher | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly policy: ClusterAddressPolicy,
    /** Set: this configuration's connections come from (and stay in) the shared pool of that key (connection-pools.ts). */
    private readonly pool?: string,
  ) {
    super();
    (this as unknown as { createDispatcher: DispatcherFactory }).createDispatcher = (cluster, agentOptions) => this.dispatcherFor(cluster, agentOptions);
  }

  private dispatcherFor(cluster: Cluster | null, agentOptions: TlsOptions): Dispatcher {
    const opts = this.createDispatcherOptions(cluster, agentOptions);
    if (opts.type === "proxy" || opts.type === "socks") throw new Error("cluster proxies are not supported");
    // One kubeconfig has one cluster and one user: the TLS options never change, so one agent
    // (and its kept-alive connections) serves every request of this configuration — and, for a
    // stored credential, every later request with the same credential.
    const make = () => guardedDispatcher(opts.type === "agent" ? (opts.connect as TlsOptions) : {}, this.policy);
    this.guarded ??= this.pool ? pooledDispatcher(this.pool, make) : make();
    return this.guarded;
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    // Fail closed if a client-node update stops calling createDispatcher.
    if (!this.guarded || context.getDispatcher() !== this.guarded) throw new Error("a cluster request would bypass Berth's guarded dispatcher (client-node changed?)");
    if (!context.getSignal()) context.setSignal(AbortSignal.timeout(this.timeoutMs));
  }
}

/** A client configuration from a kubeconfig text that passes the policy (throws otherwise). */
export function kubeConfigFromText(text: string, opts: { timeoutMs?: number; addressPolicy?: ClusterAddressPolicy; /** Reuse kept-alive connections across requests under this key (poolKey()); only with the configured address policy. */ pool?: string } = {}): KubeConfig {
  const vetted = vetKubeconfig(text);
  if (!vetted.ok) throw new Error(`refused kubeconfig: ${vetted.refusals.map((r) => r.code).join(", ")}`);
  const pool = opts.addressPolicy ? undefined : opts.pool;
  const kc = new BoundedKubeConfig(opts.timeoutMs ?? REQUEST_TIMEOUT_MS, opts.addressPolicy ?? configuredAddressPolicy(), pool);
  kc.loadFromString(vetted.value.normalized);
  return kc;
}

export function openCredential(credential: SealedCredential, opts: { timeoutMs?: number } = {}): KubeConfig {
  const text = decryptSecret(credential.kubeconfigCipher, credentialAad(credential.clusterId, credential.userId));
  return kubeConfigFromText(text, { ...opts, pool: poolKey(credential.clusterId, credential.userId, text) });
}
