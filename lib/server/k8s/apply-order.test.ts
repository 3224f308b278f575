import { describe, expect, it } from "vitest";
import { nginxObjects, NGINX_IMAGE_2 } from "@/e2e/support/deploy-fixtures";
import { auditDiff, diffSummary, diffSummaryMsg, formFieldFor, valueAtPath } from "../deployments-fields";
import { formatMsg } from "@/lib/i18n/message";
import { strictTranslator } from "@/lib/i18n/strict-translator";
import { applyOrder } from "./apply";
import { immutableStatefulSetChanges } from "./immutable-fields";
import type { BundlePlan } from "./plan";

describe("apply order", () => {
  it("puts config and Services before the StatefulSet, then the rest, keeping the given order within a rank", () => {
    const objs = [
      { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "i" } },
      { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "s" } },
      { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "h" } },
      { apiVersion: "v1", kind: "Service", metadata: { name: "b" } },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } },
      { apiVersion: "v1", kind: "Service", metadata: { name: "a" } },
    ];
    expect(applyOrder(objs).map((o) => o.metadata.name)).toEqual(["c", "b", "a", "s", "i", "h"]);
  });
});

describe("immutable StatefulSet fields", () => {
  it("detects selector, serviceName, claim templates and pod management policy changes, not image changes", () => {
    const [, , live] = nginxObjects();
    const [, , image] = nginxObjects(NGINX_IMAGE_2);
    expect(immutableStatefulSetChanges(image, live)).toEqual([]);
    const changed = structuredClone(live) as { spec: Record<string, unknown> };
    changed.spec.serviceName = "other";
    changed.spec.podManagementPolicy = "Parallel";
    (changed.spec.volumeClaimTemplates as Array<{ spec: { resources: { requests: { storage: string } } } }>)[0].spec.resources.requests.storage = "5Gi";
    expect(immutableStatefulSetChanges(changed as never, live)).toEqual(["spec.serviceName", "spec.volumeClaimTemplates", "spec.podManagementPolicy"]);
  });

  it("a plan that drops the claim templates is a claim-template change too (not a bare 'spec: Forbidden')", () => {
    const [, , live] = nginxObjects();
    const dropped = structuredClone(live) as { spec: Record<string, unknown> };
    delete dropped.spec.volumeClaimTemplates;
    expect(immutableStatefulSetChanges(dropped as never, live)).toEqual(["spec.volumeClaimTemplates"]);
  });
});

describe("dry-run errors back to form fields", () => {
  it("finds the parameter whose value sits at the field the API server named", () => {
    const [, , sts] = nginxObjects("nginx:9.9-weird");
    expect(valueAtPath(sts, "spec.template.spec.containers[0].image")).toBe("nginx:9.9-weird");
    expect(formFieldFor(sts, "spec.template.spec.containers[0].image", { image: "nginx:9.9-weird" })).toBe("values.image");
    expect(formFieldFor(sts, "spec.replicas", { image: "nginx:9.9-weird" })).toBeUndefined();
    expect(formFieldFor(sts, "spec.nothing.here", { image: "x" })).toBeUndefined();
  });

  it("summarizes a plan's actions", () => {
    const o = (action: string) => ({ action }) as BundlePlan["objects"][number];
    const plan = { objects: [o("create"), o("update"), o("create")] } as BundlePlan;
    expect(diffSummary(plan)).toBe("2 create, 1 update");
    // The record's outcome ("Applied 3 objects (…)") words the actions in the reader's language.
    expect(formatMsg(strictTranslator("zh-CN"), diffSummaryMsg(plan))).toBe("创建 2 个；更新 1 个");
  });

  it("writes a short audit diff: counts, changed paths, values for images only", () => {
    const plan = {
      objects: [
        { kind: "StatefulSet", name: "web", action: "update", changes: [{ path: "spec.template.spec.containers[name=web].image", before: "a:1", after: "a:2" }, { path: "spec.template.spec.containers[name=web].env[name=PASSWORD].value", before: "old-secret", after: "new-secret" }] },
        { kind: "Service", name: "web", action: "unchanged", changes: [] },
      ],
    } as unknown as BundlePlan;
    const text = auditDiff(plan);
    expect(text).toBe(["1 update, 1 unchanged", "~ StatefulSet/web spec.template.spec.containers[name=web].image: a:1 → a:2", "~ StatefulSet/web spec.template.spec.containers[name=web].env[name=PASSWORD].value"].join("\n"));
    expect(text).not.toContain("secret");
  });
});
