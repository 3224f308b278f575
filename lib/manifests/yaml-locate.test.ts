import { describe, expect, test } from "vitest";
import { defaultAppSpec } from "./model/defaults";
import { renderYaml } from "./render/render-app";
import { yamlLinesFor } from "./yaml-locate";

// Issue 11, item 18: the YAML pane follows the field being edited.
const spec = { ...defaultAppSpec("nginx"), autoscaling: { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 } };
const yaml = renderYaml(spec);
const lines = yaml.split("\n");
const at = (path: string) => {
  const r = yamlLinesFor(yaml, path, "nginx");
  return r ? lines.slice(r.from, r.to + 1).join("\n") : null;
};

describe("the YAML lines of a form field", () => {
  test("a container's image, in the StatefulSet", () => {
    expect(at("spec.containers.0.image")).toBe(lines.find((l) => l.includes("image: nginx:1.27")));
  });
  test("the Service's name is the Service's, not the headless one's", () => {
    const r = yamlLinesFor(yaml, "spec.service.name", "nginx")!;
    expect(lines[r.from]).toContain("name: nginx-svc");
  });
  test("the autoscaler's minimum, in the HorizontalPodAutoscaler", () => {
    expect(at("spec.autoscaling.minReplicas")).toMatch(/^\s+minReplicas: 2$/);
  });
  test("a block (the ports) covers its lines", () => {
    expect(at("spec.containers.0.ports.0.containerPort")).toMatch(/containerPort: 80/);
    expect(at("spec.service.ports.0.port")).toMatch(/port: 80/);
  });
  test("not a spec field: nothing", () => {
    expect(yamlLinesFor(yaml, "meta.name", "nginx")).toBeNull();
  });
});
