import { describe, expect, test } from "vitest";
import { defaultAppSpec } from "../model/defaults";
import type { ParameterDefinition } from "./param-schema";
import { findParameterReferences } from "./references";
import { resolveParameters, validateTemplate } from "./resolve-parameters";
import { parameterValuesSchema } from "./resolve-values";

const def = (d: Partial<ParameterDefinition> & Pick<ParameterDefinition, "name" | "type">): ParameterDefinition => ({ required: false, lockedByAdmin: false, ...d });

/** The seed nginx app with its image tag, replica count, host and limits as parameters. */
function template() {
  const spec: any = defaultAppSpec("shop");
  spec.replicas = { $param: "replicas" };
  spec.containers[0].image = "registry.example.com/shop/web:{{ params.imageTag }}";
  spec.containers[0].resources.limits.memory = { $param: "memory" };
  spec.containers[0].stdin = { $param: "interactive" };
  spec.ingress = { name: "shop", rules: [{ host: "{{params.host}}", paths: [{ serviceName: "shop-svc", servicePort: 80 }] }] };
  spec.labels = { env: { $param: "env" } };
  return {
    spec,
    parameters: [
      def({ name: "replicas", type: "integer", required: true, default: 2, min: 1, max: 10 }),
      def({ name: "imageTag", type: "string", required: true, pattern: "[0-9]+\\.[0-9]+\\.[0-9]+" }),
      def({ name: "memory", type: "quantity", default: "512Mi", min: "256Mi", max: "4Gi" }),
      def({ name: "interactive", type: "boolean", default: false }),
      def({ name: "host", type: "string", default: "shop.example.com", lockedByAdmin: true }),
      def({ name: "env", type: "enum", options: ["dev", "staging", "prod"], default: "dev" }),
    ],
  };
}

describe("template parameters", () => {
  test("references are found with their paths", () => {
    expect(findParameterReferences(template().spec).map((r) => `${r.name}@${r.path}`).sort()).toEqual([
      "replicas@replicas", "env@labels.env", "imageTag@containers.0.image", "interactive@containers.0.stdin",
      "memory@containers.0.resources.limits.memory", "host@ingress.rules.0.host",
    ].sort());
  });

  test("values resolve with types (form strings are coerced)", () => {
    const r = resolveParameters(template(), { replicas: "3", imageTag: "1.4.2", interactive: "true", env: "prod" });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.spec.replicas).toBe(3);
    expect(r.spec.containers[0].image).toBe("registry.example.com/shop/web:1.4.2");
    expect(r.spec.containers[0].stdin).toBe(true);
    expect(r.spec.containers[0].resources.limits.memory).toBe("512Mi");
    expect(r.spec.ingress?.rules[0].host).toBe("shop.example.com");
    expect(r.spec.labels).toEqual({ env: "prod" });
  });

  test.each([
    [{ replicas: 0 }, "replicas", 'parameter "replicas" must be an integer between 1 and 10'],
    [{ replicas: "two" }, "replicas", 'parameter "replicas" must be an integer between 1 and 10'],
    [{ imageTag: "latest" }, "imageTag", 'parameter "imageTag" must match [0-9]+\\.[0-9]+\\.[0-9]+'],
    [{ memory: "8Gi" }, "memory", 'parameter "memory" must be at most 4Gi'],
    [{ memory: "lots" }, "memory", 'parameter "memory" must be a quantity such as 500m, 2 or 1Gi'],
    [{ interactive: "yes" }, "interactive", 'parameter "interactive" must be true or false'],
    [{ env: "qa" }, "env", 'parameter "env" must be one of "dev", "staging", "prod"'],
    [{ host: "evil.example.com" }, "host", 'parameter "host" is locked by an admin'],
  ])("%j is refused, naming the parameter", (values, parameter, message) => {
    const r = resolveParameters(template(), { imageTag: "1.0.0", ...values });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ parameter, path: `values.${parameter}`, message, msg: expect.objectContaining({ key: "params.named" }) });
  });

  test("required parameters without a value or default", () => {
    const r = resolveParameters(template(), {});
    expect(!r.ok && r.errors).toEqual([{ parameter: "imageTag", path: "values.imageTag", message: 'parameter "imageTag" is required', msg: { key: "params.named", values: { name: "imageTag", problem: { key: "params.value.required" } } } }]);
  });

  test("unknown values are refused", () => {
    const r = resolveParameters(template(), { imageTag: "1.0.0", colour: "blue" });
    expect(!r.ok && r.errors[0]).toMatchObject({ parameter: "colour", message: '"colour" is not a parameter of this template' });
  });

  test("a value that breaks a spec rule names the parameter and the field", () => {
    const t = template();
    t.parameters.push(def({ name: "port", type: "integer", default: 80 }));
    t.spec.containers[0].ports[0].containerPort = { $param: "port" };
    const r = resolveParameters(t, { imageTag: "1.0.0", port: 70000 });
    expect(!r.ok && r.errors).toContainEqual({
      parameter: "port", path: "containers.0.ports.0.containerPort",
      message: 'parameter "port": Container port must be a port number between 1 and 65535',
      msg: expect.objectContaining({ key: "params.namedSpec" }),
    });
  });

  test("image parameters check the reference syntax", () => {
    const t = template();
    t.parameters.push(def({ name: "image", type: "image", default: "nginx:1.27" }));
    t.spec.containers[0].image = { $param: "image" };
    expect(resolveParameters(t, { imageTag: "1.0.0", image: "Not An Image" })).toMatchObject({ ok: false, errors: [{ parameter: "image" }] });
    expect(resolveParameters(t, { imageTag: "1.0.0", image: "nginx:1.28" })).toMatchObject({ ok: true, spec: { containers: [{ image: "nginx:1.28" }] } });
  });

  test("definitions are validated, and every reference must be defined", () => {
    const t = template();
    t.parameters.push(
      def({ name: "replicas", type: "integer" }),
      def({ name: "tier", type: "enum" }),
      def({ name: "name", type: "string", pattern: "([" }),
      def({ name: "count", type: "integer", min: 5, max: 1 }),
      def({ name: "zone", type: "string", lockedByAdmin: true }),
      def({ name: "size", type: "quantity", default: "big" }),
    );
    t.spec.containers[0].args = ["--region={{ params.region }}"];
    expect(validateTemplate(t).map((i) => i.message)).toEqual([
      'parameter "replicas" is defined more than once',
      'parameter "tier" needs at least one option',
      'parameter "name" has a pattern that cannot be used: use RE2 syntax (no lookaround or backreferences)',
      'parameter "count" has a minimum above its maximum',
      'parameter "zone" is locked, so it needs a default value',
      'default: parameter "size" must be a quantity such as 500m, 2 or 1Gi',
      '"region" is not a defined parameter',
    ]);
  });

  test("bad parameter names are rejected by the schema", () => {
    const t = { spec: {}, parameters: [{ name: "1bad", type: "string" }] } as any;
    expect(validateTemplate(t)[0].path).toBe("parameters.0.name");
  });
});

describe("parameter values schema (deploy form)", () => {
  test("errors sit at the parameter's name", () => {
    const schema = parameterValuesSchema(template().parameters);
    const parsed = schema.safeParse({ replicas: "0", imageTag: "1.0.0" });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["replicas", 'parameter "replicas" must be an integer between 1 and 10']]);
    expect(schema.safeParse({ imageTag: "1.0.0" }).success).toBe(true);
  });
});
