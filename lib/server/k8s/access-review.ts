import "server-only";
import { AuthorizationV1Api, type KubeConfig, type V1ResourceRule } from "@kubernetes/client-node";

// "May I?" questions to the API server about the caller's own rights (SelfSubjectAccessReview /
// SelfSubjectRulesReview; every authenticated user may ask), and the sentence a person reads when
// the answer is no.
export type AccessQuestion = { verb: string; group: string; resource: string; namespace?: string; name?: string };
export type AccessAnswer = AccessQuestion & { allowed: boolean; message: string };

export async function canI(kc: KubeConfig, q: AccessQuestion): Promise<AccessAnswer> {
  const api = kc.makeApiClient(AuthorizationV1Api);
  const review = await api.createSelfSubjectAccessReview({
    body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes: { ...q, group: q.group } } },
  });
  return answer(q, review.status?.allowed === true);
}

export function canIAll(kc: KubeConfig, questions: AccessQuestion[]): Promise<AccessAnswer[]> {
  return Promise.all(questions.map((q) => canI(kc, q)));
}

/** "you cannot create ingresses in namespace shop" */
export function deniedMessage(q: AccessQuestion): string {
  return `you cannot ${q.verb} ${q.resource}${q.namespace ? ` in namespace ${q.namespace}` : " (cluster-wide)"}`;
}

function answer(q: AccessQuestion, allowed: boolean): AccessAnswer {
  return { ...q, allowed, message: allowed ? "" : deniedMessage(q) };
}

// A rules list past this is not evaluated (the access reviews answer instead): the reply is untrusted.
const MAX_RULES = 5_000;
const MAX_RULE_ENTRIES = 500;

export type RulesReview = { rules: V1ResourceRule[]; incomplete: boolean };

/**
 * Answers many questions with one SelfSubjectRulesReview per namespace instead of one access
 * review per question. The rules only ever say "allowed": a question they do not allow — or any
 * question when the server says its list is incomplete (a webhook authorizer, which may also
 * deny), when the review fails, for cluster-scoped or named questions — is asked as a
 * SelfSubjectAccessReview, so every answer is the one the access review would give.
 */
export class AccessChecker {
  private readonly reviews = new Map<string, Promise<RulesReview | null>>();
  constructor(private readonly kc: KubeConfig) {}

  async check(questions: AccessQuestion[]): Promise<AccessAnswer[]> {
    return Promise.all(
      questions.map(async (q) => {
        if (q.namespace && !q.name) {
          const review = await this.rulesIn(q.namespace);
          if (review && !review.incomplete && rulesAllow(review.rules, q)) return answer(q, true);
        }
        return canI(this.kc, q);
      }),
    );
  }

  /** The caller's rules in a namespace, asked once per checker (null: unknown, use access reviews). */
  rulesIn(namespace: string): Promise<RulesReview | null> {
    let review = this.reviews.get(namespace);
    if (!review) {
      review = reviewRules(this.kc, namespace);
      this.reviews.set(namespace, review);
    }
    return review;
  }
}

async function reviewRules(kc: KubeConfig, namespace: string): Promise<RulesReview | null> {
  try {
    const review = await kc.makeApiClient(AuthorizationV1Api).createSelfSubjectRulesReview({
      body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", spec: { namespace } },
    });
    const rules = review.status?.resourceRules;
    if (!Array.isArray(rules) || rules.length > MAX_RULES) return null;
    return { rules, incomplete: review.status?.incomplete !== false };
  } catch {
    return null;
  }
}

/** Whether RBAC-style rules grant the question (a rule naming resources never grants an unnamed question). */
export function rulesAllow(rules: V1ResourceRule[], q: AccessQuestion): boolean {
  return rules.some(
    (r) =>
      matches(r.verbs, q.verb) &&
      matches(r.apiGroups, q.group) &&
      matches(r.resources, q.resource) &&
      (!Array.isArray(r.resourceNames) || r.resourceNames.length === 0 || (q.name !== undefined && matches(r.resourceNames, q.name, false))),
  );
}

function matches(list: unknown, value: string, wildcard = true): boolean {
  if (!Array.isArray(list) || list.length > MAX_RULE_ENTRIES) return false;
  return list.some((v) => v === value || (wildcard && v === "*"));
}
