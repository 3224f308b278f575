import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importYaml } from "./import/import-yaml";
import { defaultAppSpec } from "./model/defaults";
import { renderYaml } from "./render/render-app";
import { emitYaml } from "./render/emit-yaml";
import { validateAppSpec } from "./validate/validate-app-spec";

/** Property-based: no input makes the parser or the validator throw. Runs stay modest to keep the suite fast. */
describe("fuzzing", () => {
  test("importYaml never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      const r = importYaml(text);
      expect(typeof r.ok).toBe("boolean");
    }), { numRuns: 300 });
  });

  test("importYaml never throws on YAML-ish text", () => {
    const token = fc.constantFrom("kind: StatefulSet\n", "kind: Service\n", "metadata:\n", "  name: x\n", "spec:\n", "  - a\n", "---\n", "{", "}", "[", "]", ": ", "&a ", "*a ", "<<: *a\n", "!!binary ", "  ", "\n", "containers:\n", "- name: c\n", "  image: nginx\n", "items:\n", "kind: List\n");
    fc.assert(fc.property(fc.array(token, { maxLength: 40 }), (parts) => {
      const r = importYaml(parts.join(""));
      expect(typeof r.ok).toBe("boolean");
    }), { numRuns: 300 });
  });

  test("importYaml never throws on arbitrary objects shaped like a StatefulSet", () => {
    const anything = fc.anything({ maxDepth: 3, withNullPrototype: false });
    fc.assert(fc.property(anything, anything, anything, (spec, template, containers) => {
      const doc = { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "x" }, spec: { ...(typeof spec === "object" && spec ? spec : {}), template: { spec: { containers, template } } } };
      let text: string;
      try {
        text = emitYaml(JSON.parse(JSON.stringify(doc)));
      } catch {
        return; // values JSON cannot represent (BigInt …) are not YAML input
      }
      expect(typeof importYaml(text).ok).toBe("boolean");
    }), { numRuns: 200 });
  });

  test("validateAppSpec never throws on arbitrary values", () => {
    fc.assert(fc.property(fc.anything({ maxDepth: 4 }), (value) => {
      expect(typeof validateAppSpec(value).ok).toBe("boolean");
    }), { numRuns: 300 });
  });

  test("validateAppSpec never throws on mutated valid specs", () => {
    const paths = ["name", "replicas", "containers.0.image", "containers.0.ports", "containers.0.ports.0.containerPort", "containers.0.env", "containers.0.resources.requests", "containers.0.readinessProbe", "service.ports.0.targetPort", "service.type", "volumes", "labels"];
    fc.assert(fc.property(fc.constantFrom(...paths), fc.anything({ maxDepth: 2 }), (path, value) => {
      const spec: any = defaultAppSpec("web");
      const keys = path.split(".");
      let target = spec;
      for (const k of keys.slice(0, -1)) target = target?.[k];
      if (target && typeof target === "object") target[keys[keys.length - 1]] = value;
      const result = validateAppSpec(spec);
      expect(typeof result.ok).toBe("boolean");
      if (result.ok) expect(typeof renderYaml(result.spec)).toBe("string");
    }), { numRuns: 300 });
  });
});
