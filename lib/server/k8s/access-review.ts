import "server-only";
import { AuthorizationV1Api, type KubeConfig } from "@kubernetes/client-node";

// "May I?" questions to the API server about the caller's own rights (SelfSubjectAccessReview;
// every authenticated user may ask), and the sentence a person reads when the answer is no.
export type AccessQuestion = { verb: string; group: string; resource: string; namespace?: string; name?: string };
export type AccessAnswer = AccessQuestion & { allowed: boolean; message: string };

export async function canI(kc: KubeConfig, q: AccessQuestion): Promise<AccessAnswer> {
  const api = kc.makeApiClient(AuthorizationV1Api);
  const review = await api.createSelfSubjectAccessReview({
    body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes: { ...q, group: q.group } } },
  });
  const allowed = review.status?.allowed === true;
  return { ...q, allowed, message: allowed ? "" : deniedMessage(q) };
}

export function canIAll(kc: KubeConfig, questions: AccessQuestion[]): Promise<AccessAnswer[]> {
  return Promise.all(questions.map((q) => canI(kc, q)));
}

/** "you cannot create ingresses in namespace shop" */
export function deniedMessage(q: AccessQuestion): string {
  return `you cannot ${q.verb} ${q.resource}${q.namespace ? ` in namespace ${q.namespace}` : " (cluster-wide)"}`;
}
