import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { parseReviewFilter } from "@/lib/audit/review-filter";
import { defaultAppSpec, diffBundles, diffSpecs, importYaml, renderApp, resolveParameters, validateTemplate, type ParameterDefinition } from "@/lib/manifests";
import { diffObjects } from "@/lib/manifests/diff/diff-bundles";
import { mergeExtra } from "@/lib/manifests/render/object-helpers";
import { typedValues } from "./deployments-render";
import { TemplateContentSchema } from "./templates-input";
import { applyBindings, unbindTemplate } from "./templates-bindings";

// Every entry point that takes user-shaped data (dotted paths, YAML, JSON bodies, form values,
// URL filters) is fed "__proto__" / "constructor" / "prototype" keys and paths: Object.prototype
// must stay exactly as it was, and the input must be refused or ignored (never half-applied).

const UNSAFE = ["__proto__", "constructor", "prototype"] as const;

type Snapshot = Map<string | symbol, PropertyDescriptor>;
function snapshot(): Snapshot {
  const out: Snapshot = new Map();
  for (const key of Reflect.ownKeys(Object.prototype)) out.set(key, Object.getOwnPropertyDescriptor(Object.prototype, key)!);
  return out;
}
let pristine: Snapshot;
beforeAll(() => {
  pristine = snapshot();
});
function expectPristine() {
  const now = snapshot();
  // Restore first so a failure here does not break every later test in the process.
  for (const key of now.keys()) if (!pristine.has(key)) delete (Object.prototype as Record<string | symbol, unknown>)[key];
  for (const [key, d] of pristine) Object.defineProperty(Object.prototype, key, d);
  expect([...now.keys()].map(String).sort()).toEqual([...pristine.keys()].map(String).sort());
  for (const [key, d] of pristine) {
    const n = now.get(key)!;
    expect(n.value === d.value && n.get === d.get && n.set === d.set, `Object.prototype.${String(key)} was changed`).toBe(true);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
afterEach(expectPristine);

const unsafeKey = fc.constantFrom(...UNSAFE);
const safeKey = fc.constantFrom("containers", "0", "image", "toString", "valueOf", "polluted", "name", "hasOwnProperty");
/** A dotted path with at least one unsafe segment somewhere. */
const unsafePath = fc
  .tuple(fc.array(safeKey, { maxLength: 3 }), unsafeKey, fc.array(fc.oneof(safeKey, unsafeKey), { minLength: 1, maxLength: 3 }))
  .map(([a, u, b]) => [...a, u, ...b].join("."));
/** A JSON value that has an own "__proto__" key somewhere (as JSON.parse and YAML parsers make it). */
const pollutingJson = fc
  .tuple(fc.array(fc.constantFrom("podExtra", "extra", "metadata", "labels", "spec"), { maxLength: 3 }), fc.constantFrom("toString", "polluted", "isAdmin"))
  .map(([path, leaf]) => {
    let text = `{"__proto__": {"${leaf}": "x", "polluted": "yes"}}`;
    for (const k of path.reverse()) text = `{"${k}": ${text}}`;
    return { path, value: JSON.parse(text) as Record<string, unknown> };
  });

const param = (d: Partial<ParameterDefinition> & Pick<ParameterDefinition, "name" | "type">): ParameterDefinition => ({ required: false, lockedByAdmin: false, ...d });

describe("no user key or path reaches Object.prototype", () => {
  test("template bindings: a path through __proto__/constructor/prototype is refused next to the field", () => {
    fc.assert(
      fc.property(unsafePath, fc.constantFrom("value", "tag", "text") as fc.Arbitrary<"value" | "tag" | "text">, (path, mode) => {
        const { errors } = applyBindings(defaultAppSpec("web"), [{ path, parameter: "p", mode, raw: "x" }]);
        expect(errors[`spec.${path}`]?.[0]).toMatch(/may not contain "__proto__"/);
        expectPristine();
      }),
      { numRuns: 300, seed: 10 },
    );
    // The exact attack from the review: never a function replaced on Object.prototype.
    const { errors } = applyBindings(defaultAppSpec("web"), [{ path: "__proto__.toString", parameter: "p", mode: "value" }]);
    expect(errors["spec.__proto__.toString"]).toEqual(['the path may not contain "__proto__", "constructor" or "prototype"']);
  });

  test("template bindings: the save schema refuses such paths before anything runs", () => {
    fc.assert(
      fc.property(unsafePath, (path) => {
        const r = TemplateContentSchema.safeParse({ spec: {}, bindings: [{ path, parameter: "p", mode: "value" }] });
        expect(r.success).toBe(false);
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  test("unbinding a stored spec reads own properties only", () => {
    const spec = { ...defaultAppSpec("web"), name: "{{ params.constructor }}" };
    const r = unbindTemplate(spec, [param({ name: "constructor", type: "string", default: "x" })]);
    expect(r.spec).toBeNull(); // "constructor" is not an acceptable parameter name
  });

  test("import: YAML and JSON with __proto__ keys are refused with the key's place", () => {
    fc.assert(
      fc.property(pollutingJson, fc.boolean(), ({ path, value }, asJson) => {
        const doc = { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "web" }, spec: { template: { spec: { containers: [{ name: "c", image: "nginx", ...value }] } } } };
        const text = asJson ? JSON.stringify(doc) : stringify(doc);
        expect(text).toContain("__proto__");
        const r = importYaml(text);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors[0].message).toMatch(/"__proto__" is not allowed/);
        expect(path.length).toBeGreaterThanOrEqual(0);
        expectPristine();
      }),
      { numRuns: 200, seed: 12 },
    );
    const yaml = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  __proto__:\n    polluted: yes\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";
    const r = importYaml(yaml);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ message: 'the key "__proto__" is not allowed', path: "metadata.__proto__" });
  });

  test("template spec and parameter values: __proto__ keys are refused, constructor/prototype are not values", () => {
    fc.assert(
      fc.property(pollutingJson, unsafeKey, ({ value }, key) => {
        const spec = { ...defaultAppSpec("web"), ...value };
        const r = resolveParameters({ spec, parameters: [] }, {});
        expect(r.ok).toBe(false);
        const values = JSON.parse(`{"${key}": {"polluted": "yes"}}`) as Record<string, unknown>;
        const withValues = resolveParameters({ spec: defaultAppSpec("web"), parameters: [] }, values);
        expect(withValues.ok).toBe(false);
        if (!withValues.ok) expect(withValues.errors[0].message).toMatch(/is not a parameter of this template/);
        expectPristine();
      }),
      { numRuns: 100, seed: 13 },
    );
  });

  test("parameter names constructor/prototype are refused (they would read inherited values)", () => {
    for (const name of ["constructor", "prototype"]) {
      const spec = { ...defaultAppSpec("web"), labels: { x: `{{ params.${name} }}` } };
      const issues = validateTemplate({ spec, parameters: [param({ name, type: "string" })] });
      expect(issues.map((i) => i.path)).toContain("parameters.0.name");
    }
    // An optional parameter without a value interpolates as "", never as Object's constructor.
    const r = resolveParameters({ spec: { ...defaultAppSpec("web"), labels: { x: "a{{ params.opt }}b" } }, parameters: [param({ name: "opt", type: "string" })] }, {});
    expect(r.ok && r.spec.labels.x).toBe("ab");
  });

  test("deploy form values: __proto__/constructor names are dropped or refused, never assigned", () => {
    fc.assert(
      fc.property(unsafeKey, fc.string({ maxLength: 20 }), (key, v) => {
        const raw = JSON.parse(`{"${key}": ${JSON.stringify(v)}, "replicas": "2"}`) as Record<string, string>;
        const out = typedValues([param({ name: "replicas", type: "integer" })], raw);
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
        const r = resolveParameters({ spec: { ...defaultAppSpec("web"), replicas: { $param: "replicas" } }, parameters: [param({ name: "replicas", type: "integer" })] }, out);
        if (v !== "") expect(r.ok).toBe(false);
        expectPristine();
      }),
      { numRuns: 100, seed: 14 },
    );
  });

  test("render and diff: passthrough bags and objects with own __proto__ keys change no prototype", () => {
    fc.assert(
      fc.property(pollutingJson, ({ value }) => {
        const target: Record<string, unknown> = { metadata: { name: "a" } };
        mergeExtra(target, value);
        expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
        const spec = defaultAppSpec("web");
        renderApp({ ...spec, podExtra: value, statefulSetExtra: value });
        const a = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } };
        const b = { ...a, ...value, data: JSON.parse('{"constructor": "1", "__proto__": "2"}') };
        const changes = diffObjects(b, a, { ownedOnly: true });
        expect(changes.map((c) => c.path)).not.toContain("constructor");
        diffBundles([a], [b]);
        diffSpecs(spec, { ...spec, ...value } as typeof spec);
        expectPristine();
      }),
      { numRuns: 100, seed: 15 },
    );
    // A live object without "constructor" is not reported as having Object's constructor.
    const changes = diffObjects({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { constructor: "1" } } as never, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: {} } as never);
    expect(changes).toEqual([{ path: "data.constructor", after: "1" }]);
  });

  test("audit filters: unsafe query keys are ignored, the filter is a plain object", () => {
    fc.assert(
      fc.property(unsafeKey, fc.string({ maxLength: 30 }), (key, v) => {
        const params = new URLSearchParams([[key, v], [`${key}.polluted`, v], ["actor", "a@b.c"]]);
        const { filter } = parseReviewFilter(params);
        expect(Object.keys(filter)).toEqual(["actor"]);
        const record = JSON.parse(`{"${key}": ${JSON.stringify(v)}, "result": "failure"}`) as Record<string, string>;
        expect(Object.keys(parseReviewFilter(record).filter)).toEqual(["result"]);
        expectPristine();
      }),
      { numRuns: 100, seed: 16 },
    );
  });
});
