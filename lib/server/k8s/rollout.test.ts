import { describe, expect, test } from "vitest";
import { autoscalerOf, desiredReplicas } from "./rollout";

// Issue 11, item 8: with an autoscaler the StatefulSet is deployed without spec.replicas and
// starts at 1; the rollout must not say "ready 1/1" while 2 are asked for.
const hpa = (name: string, target: string, min: number | undefined, max: number, desired?: number) => ({
  metadata: { name },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "StatefulSet", name: target }, minReplicas: min, maxReplicas: max },
  status: desired === undefined ? undefined : { currentReplicas: 1, desiredReplicas: desired },
});

describe("desired replicas with an autoscaler", () => {
  test("the autoscaler's minimum counts before its first sync", () => {
    const a = autoscalerOf([hpa("other", "db", 3, 6), hpa("nginx", "nginx", 2, 5)], "nginx");
    expect(a).toEqual({ name: "nginx", minReplicas: 2, maxReplicas: 5, desiredReplicas: null });
    expect(desiredReplicas(1, a)).toBe(2);
  });

  test("then its desired count, and never below the StatefulSet's own while it scales down", () => {
    expect(desiredReplicas(2, autoscalerOf([hpa("nginx", "nginx", 2, 5, 4)], "nginx"))).toBe(4);
    expect(desiredReplicas(4, autoscalerOf([hpa("nginx", "nginx", 2, 5, 2)], "nginx"))).toBe(4);
  });

  test("no autoscaler (or one for another app): the StatefulSet's count", () => {
    expect(desiredReplicas(3, autoscalerOf([hpa("db", "db", 5, 9)], "nginx"))).toBe(3);
    expect(desiredReplicas(1, undefined)).toBe(1);
  });

  test("a hostile reply is ignored, not trusted to size anything", () => {
    expect(autoscalerOf([hpa("nginx", "nginx", -1, 5)], "nginx")).toBeUndefined();
    expect(autoscalerOf([hpa("nginx", "nginx", 2, 1e12)], "nginx")).toBeUndefined();
    expect(autoscalerOf([hpa("nginx", "nginx", 2, 5, 2.5)], "nginx")).toBeUndefined();
    expect(autoscalerOf([hpa("nginx", "nginx", undefined, 5)], "nginx")?.minReplicas).toBe(1);
  });
});
