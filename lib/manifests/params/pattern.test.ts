import { describe, expect, test } from "vitest";
import type { ParameterDefinition } from "./param-schema";
import { checkParameterValue, compilePattern } from "./check-value";
import { resolveParameters, validateTemplate } from "./resolve-parameters";
import { parameterValuesSchema } from "./resolve-values";
import { defaultAppSpec } from "../model/defaults";

// A parameter's pattern is written by one member and run against values typed by others (and by
// anyone holding an export link), on the server and in browsers: it runs on a linear-time engine.
const def = (d: Partial<ParameterDefinition>): ParameterDefinition => ({ name: "x", type: "string", required: false, lockedByAdmin: false, ...d });
const EVIL = "(a+)+b";

describe("parameter patterns run in linear time", () => {
  test("a catastrophic pattern against a 1,024-character value answers at once (no backtracking)", () => {
    const value = "a".repeat(1024);
    const r = checkParameterValue(def({ pattern: EVIL }), value);
    expect(r).toEqual({ ok: false, message: `parameter "x" must match ${EVIL}`, msg: { key: "params.named", values: { name: "x", problem: { key: "params.value.pattern", values: { pattern: EVIL } } } } });
    expect(checkParameterValue(def({ pattern: EVIL }), `${"a".repeat(1023)}b`)).toEqual({ ok: true, value: `${"a".repeat(1023)}b` });
    // Same through the deploy form's schema and the render path the export link uses.
    expect(parameterValuesSchema([def({ pattern: EVIL })]).safeParse({ x: value }).success).toBe(false);
    const spec = { ...defaultAppSpec("web"), labels: { x: "{{ params.x }}" } };
    const resolved = resolveParameters({ spec, parameters: [def({ pattern: "(a|aa)+$|(a+)+b", default: "b" })] }, { x: "a".repeat(1024) });
    expect(resolved.ok).toBe(false);
  });

  test("the whole value must match, as before", () => {
    expect(checkParameterValue(def({ pattern: "[0-9]+\\.[0-9]+" }), "1.27").ok).toBe(true);
    expect(checkParameterValue(def({ pattern: "[0-9]+\\.[0-9]+" }), "v1.27").ok).toBe(false);
    expect(checkParameterValue(def({ pattern: "a|b" }), "ab").ok).toBe(false);
    expect(checkParameterValue(def({ type: "image", pattern: "nginx:.*" }), "nginx:1.27").ok).toBe(true);
  });

  test("patterns the linear engine cannot run are refused next to the pattern field", () => {
    for (const pattern of ["(?=a)a", "(a)\\1", "(", "a{2,1}"]) {
      expect(compilePattern(pattern)).toBeNull();
      const issues = validateTemplate({ spec: defaultAppSpec("web"), parameters: [def({ pattern })] });
      expect(issues).toContainEqual(expect.objectContaining({ path: "parameters.0.pattern" }));
      expect(issues.find((i) => i.path === "parameters.0.pattern")?.message).toMatch(/pattern .*(cannot be used|invalid)/);
    }
  });
});
