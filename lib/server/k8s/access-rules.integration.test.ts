import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestCluster, type TestCluster } from "@/e2e/cluster/test-support";
import { AccessChecker, canIAll, rulesAllow, type AccessQuestion } from "./access-review";

// The plan answers "may I?" from one SelfSubjectRulesReview per namespace (AccessChecker); every
// answer must be the one a SelfSubjectAccessReview gives, for an admin and for a user bound to one
// namespace, inside and outside it.
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await setupTestCluster();
});
afterAll(async () => cluster?.dispose());

const RESOURCES: Array<[string, string]> = [
  ["apps", "statefulsets"],
  ["", "services"],
  ["", "configmaps"],
  ["", "secrets"],
  ["", "pods"],
  ["networking.k8s.io", "ingresses"],
  ["autoscaling", "horizontalpodautoscalers"],
  ["autoscaling.alibabacloud.com", "cronhorizontalpodautoscalers"],
  ["rbac.authorization.k8s.io", "roles"],
];
const VERBS = ["get", "list", "create", "patch", "delete"];

function questions(namespaces: string[]): AccessQuestion[] {
  return namespaces.flatMap((namespace) => RESOURCES.flatMap(([group, resource]) => VERBS.map((verb) => ({ verb, group, resource, namespace }))));
}

describe("AccessChecker (one rules review per namespace)", () => {
  it("answers exactly as access reviews do, for the admin and the restricted user, inside and outside the restricted namespace", async () => {
    const qs = questions([cluster.restrictedNamespace, "default", "kube-system"]);
    for (const kc of [cluster.admin(), cluster.restricted()]) {
      const byRules = await new AccessChecker(kc).check(qs);
      const byReviews = await canIAll(kc, qs);
      expect(byRules).toEqual(byReviews);
    }
    // Both allowed and denied answers were compared.
    const restricted = await canIAll(cluster.restricted(), qs);
    expect(restricted.some((a) => a.allowed)).toBe(true);
    expect(restricted.some((a) => !a.allowed)).toBe(true);
    // …and the rules, not a fallback to access reviews, answered the allowed ones.
    const review = await new AccessChecker(cluster.restricted()).rulesIn(cluster.restrictedNamespace);
    expect(review?.incomplete).toBe(false);
    const inside = qs.filter((q, i) => q.namespace === cluster.restrictedNamespace && restricted[i].allowed);
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.every((q) => rulesAllow(review!.rules, q))).toBe(true);
  });
});
