import { describe, expect, test } from "vitest";
import { importYaml } from "./import/import-yaml";
import type { AppSpec } from "./model/app-spec";
import { defaultAppSpec } from "./model/defaults";
import { managedReplicas } from "./model/scaling";
import { renderApp, renderYaml } from "./render/render-app";
import { validateAppSpec } from "./validate/validate-app-spec";

/** With an autoscaler, spec.replicas belongs to it: render leaves it out, import restores the model's count. */
const CRON = { jobs: [{ name: "morning", schedule: "0 0 8 * * *", targetSize: 5 }], excludeDates: [] };

function app(change: (s: AppSpec) => void): AppSpec {
  const spec = defaultAppSpec("web");
  change(spec);
  const valid = validateAppSpec(spec);
  if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
  return valid.spec;
}
const withHpa = () => app((s) => Object.assign(s, { replicas: 3, autoscaling: { minReplicas: 3, maxReplicas: 8, cpuUtilization: 70 } }));
const withCron = () => app((s) => Object.assign(s, { replicas: 1, scheduledScaling: CRON }));
const statefulSetSpec = (spec: AppSpec) => (renderApp(spec).find((o) => o.kind === "StatefulSet") as { spec: Record<string, unknown> }).spec;

describe("replicas managed by an autoscaler", () => {
  test("managedReplicas: HPA minimum, 1 with scheduled scaling only, undefined without autoscalers", () => {
    expect(managedReplicas(withHpa())).toBe(3);
    expect(managedReplicas({ ...withHpa(), scheduledScaling: CRON })).toBe(3);
    expect(managedReplicas(withCron())).toBe(1);
    expect(managedReplicas(defaultAppSpec("web"))).toBeUndefined();
  });

  test("render omits spec.replicas with an HPA and with scheduled scaling, keeps it otherwise", () => {
    expect(statefulSetSpec(withHpa())).not.toHaveProperty("replicas");
    expect(statefulSetSpec(withCron())).not.toHaveProperty("replicas");
    expect(statefulSetSpec(defaultAppSpec("web")).replicas).toBe(2);
  });

  test.each([["HPA", withHpa], ["scheduled scaling", withCron]])("import(render(spec)) equals the spec (%s)", (_, make) => {
    const spec = make();
    const result = importYaml(renderYaml(spec));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([]);
    expect(result.spec).toEqual(spec);
  });

  test("a live export's current scale is not kept: replicas becomes the HPA minimum, with a warning", () => {
    const yaml = renderYaml(withHpa()).replace("serviceName: web-headless\n", "serviceName: web-headless\n  replicas: 7\n");
    const result = importYaml(yaml);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.spec.replicas).toBe(3);
    expect(result.warnings).toEqual([{ path: "replicas", line: 51, column: 3, message: "spec.replicas (7) was not kept: the autoscaler manages the replica count, so replicas = 3", msg: expect.objectContaining({ key: "importYaml.warn.replicasManaged" }) }]);
  });

  test("validation names the field and the count it must have", () => {
    const bad = { ...withHpa(), replicas: 5 };
    expect(validateAppSpec(bad)).toEqual({ ok: false, issues: [{ path: "replicas", message: "the autoscaler manages the replica count: replicas must equal the minimum replicas (3)", msg: { key: "manifests.rules.hpaReplicas", values: { min: 3 } } }] });
  });
});
