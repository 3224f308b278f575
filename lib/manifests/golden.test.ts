import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { AppSpecSchema } from "./model/app-spec";
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
