import "server-only";
import { KubeConfig } from "@kubernetes/client-node";
import { decryptSecret } from "../crypto";
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

/** A client configuration from a kubeconfig text that passes the policy (throws otherwise). */
export function kubeConfigFromText(text: string): KubeConfig {
  const vetted = vetKubeconfig(text);
  if (!vetted.ok) throw new Error(`refused kubeconfig: ${vetted.refusals.map((r) => r.code).join(", ")}`);
  const kc = new KubeConfig();
  kc.loadFromString(vetted.value.normalized);
  return kc;
}

export function openCredential(credential: SealedCredential): KubeConfig {
  return kubeConfigFromText(decryptSecret(credential.kubeconfigCipher, credentialAad(credential.clusterId, credential.userId)));
}
