import "server-only";
import { KubeConfig, type RequestContext } from "@kubernetes/client-node";
import { decryptSecret } from "../crypto";
import { vetKubeconfig } from "./kubeconfig-policy";
import { limitResponseBody } from "./response-limit";

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

/** Every request gives up after a deadline, so an unreachable cluster cannot hang a deploy or a page. */
class BoundedKubeConfig extends KubeConfig {
  constructor(private readonly timeoutMs: number) {
    super();
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    if (!context.getSignal()) context.setSignal(AbortSignal.timeout(this.timeoutMs));
    // A cluster's reply is untrusted: bodies past MAX_RESPONSE_BYTES are not read (response-limit.ts).
    const dispatcher = context.getDispatcher();
    if (dispatcher) context.setDispatcher(dispatcher.compose(limitResponseBody()));
  }
}

/** A client configuration from a kubeconfig text that passes the policy (throws otherwise). */
export function kubeConfigFromText(text: string, opts: { timeoutMs?: number } = {}): KubeConfig {
  const vetted = vetKubeconfig(text);
  if (!vetted.ok) throw new Error(`refused kubeconfig: ${vetted.refusals.map((r) => r.code).join(", ")}`);
  const kc = new BoundedKubeConfig(opts.timeoutMs ?? REQUEST_TIMEOUT_MS);
  kc.loadFromString(vetted.value.normalized);
  return kc;
}

export function openCredential(credential: SealedCredential, opts: { timeoutMs?: number } = {}): KubeConfig {
  return kubeConfigFromText(decryptSecret(credential.kubeconfigCipher, credentialAad(credential.clusterId, credential.userId)), opts);
}
