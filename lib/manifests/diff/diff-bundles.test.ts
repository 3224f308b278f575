import type { KubernetesObject } from "@kubernetes/client-node";
import { describe, expect, test } from "vitest";
import { defaultAppSpec } from "../model/defaults";
import { renderApp } from "../render/render-app";
import { diffBundles, diffObjects, diffSpecs, diffYamlText } from "./diff-bundles";

describe("diffs", () => {
  test("diffSpecs lists field changes, matching list items by name", () => {
    const a = defaultAppSpec("web");
    const b = structuredClone(a);
    b.replicas = 3;
    b.containers[0].image = "nginx:1.28";
    b.containers.unshift({ ...structuredClone(a.containers[0]), name: "sidecar" });
    expect(diffSpecs(a, b)).toEqual([
      { path: "replicas", before: 2, after: 3 },
      { path: "containers[name=sidecar]", after: b.containers[0] },
      { path: "containers[name=nginx].image", before: "nginx:1.27", after: "nginx:1.28" },
    ]);
  });

  test("diffBundles reports create / update / delete / unchanged per object", () => {
    const a = defaultAppSpec("web");
    const b = structuredClone(a);
    b.replicas = 1;
    delete b.service;
    b.autoscaling = { minReplicas: 1, maxReplicas: 5, cpuUtilization: 80 };
    const diffs = diffBundles(renderApp(a), renderApp(b));
    expect(diffs.map((d) => `${d.action} ${d.kind}/${d.name}`)).toEqual([
      "unchanged Service/web-headless", "update StatefulSet/web", "create HorizontalPodAutoscaler/web", "delete Service/web-svc",
    ]);
    // The HPA takes spec.replicas over: the StatefulSet no longer sets it.
    expect(diffs[1].changes).toEqual([{ path: "spec.replicas", before: 2 }]);
  });

  test("diffObjects ignores server-defaulted fields of the live object", () => {
    const [, , planned] = renderApp(defaultAppSpec("web"));
    const live = structuredClone(planned) as any;
    live.metadata.namespace = "shop";
    live.metadata.uid = "abc";
    live.status = { replicas: 2 };
    live.spec.revisionHistoryLimit = 10;
    live.spec.template.spec.containers[0].terminationMessagePath = "/dev/termination-log";
    live.spec.template.spec.containers[0].resources.limits.memory = "536870912"; // the same 512Mi, normalised
    expect(diffObjects(planned, live)).toEqual([]);
    live.spec.template.spec.containers[0].image = "nginx:1.26";
    expect(diffObjects(planned, live)).toEqual([{ path: "spec.template.spec.containers[name=nginx].image", before: "nginx:1.26", after: "nginx:1.27" }]);
  });

  test("planned vs live bundles match objects across namespaces", () => {
    const planned = renderApp(defaultAppSpec("web"));
    const live = planned.slice(0, 2).map((o) => ({ ...structuredClone(o), metadata: { ...o.metadata, namespace: "shop", resourceVersion: "1" } })) as KubernetesObject[];
    const diffs = diffBundles(live, planned, { ownedOnly: true, namespace: "shop" });
    expect(diffs.map((d) => d.action)).toEqual(["unchanged", "unchanged", "create"]);
  });

  test("diffYamlText gives a unified diff", () => {
    const patch = diffYamlText("a: 1\nb: 2\n", "a: 1\nb: 3\n");
    expect(patch).toContain("-b: 2");
    expect(patch).toContain("+b: 3");
  });
});
