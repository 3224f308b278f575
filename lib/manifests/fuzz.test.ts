import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importYaml } from "./import/import-yaml";
import { renderYaml } from "./render/render-app";
import { emitYaml } from "./render/emit-yaml";
import { MUTATED_PATHS, mutatedSpec } from "./testing/mutated-spec";
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
    fc.assert(fc.property(fc.constantFrom(...MUTATED_PATHS), fc.anything({ maxDepth: 2 }), (path, value) => {
      const result = validateAppSpec(mutatedSpec(path, value));
      expect(typeof result.ok).toBe("boolean");
      if (result.ok) expect(typeof renderYaml(result.spec)).toBe("string");
    }), { numRuns: 300 });
  });
});
