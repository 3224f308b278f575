import { describe, expect, it } from "vitest";
import type { KubernetesObject } from "@kubernetes/client-node";
import { leavesReplicasOut, replicasToHandOver, withReplicas } from "./replicas-handover";

const sts = (spec: Record<string, unknown>, managedFields: unknown[] = []) =>
  ({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "web", managedFields }, spec }) as KubernetesObject;
const owner = (manager: string, operation = "Apply") => ({ manager, operation, fieldsV1: { "f:spec": { "f:replicas": {}, "f:template": {} } } });

describe("replicas handover", () => {
  it("is needed only when the plan leaves replicas out and Berth's apply owns them live", () => {
    const planned = sts({ serviceName: "web-headless" });
    expect(leavesReplicasOut(planned)).toBe(true);
    expect(replicasToHandOver(planned, sts({ replicas: 4 }, [owner("berth")]))).toBe(4);
    expect(replicasToHandOver(planned, sts({ replicas: 4 }, [owner("kube-controller-manager", "Update")]))).toBeUndefined();
    expect(replicasToHandOver(planned, sts({ replicas: 4 }, [{ manager: "berth", operation: "Apply", fieldsV1: { "f:spec": { "f:template": {} } } }]))).toBeUndefined();
    expect(replicasToHandOver(planned, null)).toBeUndefined();
    expect(replicasToHandOver(sts({ replicas: 2 }), sts({ replicas: 4 }, [owner("berth")]))).toBeUndefined();
  });

  it("withReplicas sets the count on a copy", () => {
    const planned = sts({ serviceName: "web-headless" });
    expect((withReplicas(planned, 3) as { spec: object }).spec).toEqual({ serviceName: "web-headless", replicas: 3 });
    expect(leavesReplicasOut(planned)).toBe(true);
  });
});
