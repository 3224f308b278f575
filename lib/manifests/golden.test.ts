import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { AppSpecSchema } from "./model/app-spec";
import { CRON_HPA } from "./model/scaling";
import { importYaml } from "./import/import-yaml";
import { renderYaml } from "./render/render-app";

/** Golden files: each spec fixture renders to committed YAML. `UPDATE_GOLDEN=1` rewrites them. */
const SPECS = join(__dirname, "testdata/specs");
const GOLDEN = join(__dirname, "testdata/golden");
const update = process.env.UPDATE_GOLDEN === "1";

const fixtures = readdirSync(SPECS).filter((f) => f.endsWith(".json")).sort();

describe("golden apps", () => {
  test("there are at least 12 golden apps", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });

  for (const file of fixtures) {
    const name = file.replace(/\.json$/, "");
    const parsed = AppSpecSchema.safeParse(JSON.parse(readFileSync(join(SPECS, file), "utf8")));

    test(`${name}: the fixture is a valid spec`, () => {
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    });
    if (!parsed.success) continue;
    const spec = parsed.data;

    test(`${name}: renders to the golden YAML`, () => {
      const yaml = renderYaml(spec);
      const goldenPath = join(GOLDEN, `${name}.yaml`);
      if (update) writeFileSync(goldenPath, yaml);
      expect(yaml).toBe(readFileSync(goldenPath, "utf8"));
      expect(renderYaml(structuredClone(spec))).toBe(yaml); // deterministic
    });

    test(`${name}: import(render(spec)) equals the spec, without warnings`, () => {
      const result = importYaml(renderYaml(spec));
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.warnings).toEqual([]);
      expect(result.ignored).toEqual([]);
      expect(result.spec).toEqual(spec);
    });
  }
});

test("the cron-HPA CRD serves the kind and version the renderer emits", () => {
  const crd = parse(readFileSync(join(__dirname, "testdata/crds/cronhpa.yaml"), "utf8"));
  const [group, version] = CRON_HPA.apiVersion.split("/");
  expect(crd.spec.group).toBe(group);
  expect(crd.spec.names.kind).toBe(CRON_HPA.kind);
  expect(crd.metadata.name).toBe(`${crd.spec.names.plural}.${group}`);
  expect(crd.spec.versions.find((v: { name: string }) => v.name === version)).toMatchObject({ served: true, storage: true });
});
