import { afterEach, describe, expect, it } from "vitest";
import { defaultAppSpec } from "@/lib/manifests";
import { newTeam } from "@/scripts/test-support/fixtures";
import { db } from "./db";
import { loadDeployableVersion } from "./deployments-render";
import { AppError } from "./errors";
import { createTemplate, duplicateTemplate, saveTemplateVersion } from "./templates";
import { importTemplate } from "./templates-io";

// Operator limits on what one team can store (env is read lazily, so these apply to this file).
process.env.BERTH_MAX_TEMPLATE_VERSIONS = "3";
process.env.BERTH_MAX_TEMPLATES_PER_TEAM = "2";
process.env.BERTH_MAX_TEMPLATE_KB = "64";

const rejectsWith = (p: Promise<unknown>, code: AppError["code"], message: RegExp) =>
  expect(p).rejects.toSatisfy((e) => e instanceof AppError && e.code === code && message.test(e.message));
const app = (name = "web") => ({ name, spec: defaultAppSpec(name) as unknown as Record<string, unknown>, parameters: [], bindings: [] });

const realDb = db();
afterEach(() => {
  (globalThis as { berthDb?: unknown }).berthDb = realDb;
});

describe("limits on stored templates", () => {
  it("versions per template: past the limit a save is refused with what to do, nothing stored", async () => {
    const t = await newTeam("lim-ver");
    const { id } = await createTemplate(t.ctx, app());
    await saveTemplateVersion(t.ctx, id, { ...app(), baseVersion: 1 });
    await saveTemplateVersion(t.ctx, id, { ...app(), baseVersion: 2 });
    await rejectsWith(saveTemplateVersion(t.ctx, id, { ...app(), baseVersion: 3 }), "invalid", /at most 3 versions.*Duplicate it/);
    expect(await db().templateVersion.count({ where: { templateId: id } })).toBe(3);
  });

  it("templates per team: create, duplicate and import stop at the limit", async () => {
    const t = await newTeam("lim-tpl");
    const { id } = await createTemplate(t.ctx, app("a"));
    await createTemplate(t.ctx, app("b"));
    await rejectsWith(createTemplate(t.ctx, app("c")), "invalid", /at most 2 templates/);
    await rejectsWith(duplicateTemplate(t.ctx, id), "invalid", /at most 2 templates/);
    await rejectsWith(importTemplate(t.ctx, { text: "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: nginx\n" }), "invalid", /at most 2 templates/);
    expect(await db().template.count({ where: { teamId: t.teamId } })).toBe(2);
    // Another team has its own allowance.
    const other = await newTeam("lim-tpl2");
    await createTemplate(other.ctx, app("a"));
  });

  it("template size: the operator's limit, with the size in the message", async () => {
    const t = await newTeam("lim-size");
    const big = { ...app(), description: "", spec: { ...defaultAppSpec("web"), labels: { big: "x".repeat(63) }, annotations: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, "v".repeat(40)])) } };
    await rejectsWith(createTemplate(t.ctx, big as never), "invalid", /the limit is 64 KB/);
    await rejectsWith(importTemplate(t.ctx, { text: `# ${"x".repeat(70 * 1024)}\n` }), "invalid", /the limit is 64 KB/);
  });

  it("the deploy page loads one version's content, not every version's", async () => {
    const t = await newTeam("lim-load");
    const { id } = await createTemplate(t.ctx, app());
    await saveTemplateVersion(t.ctx, id, { ...app(), baseVersion: 1 });
    await saveTemplateVersion(t.ctx, id, { ...app(), baseVersion: 2 });
    const selects: Array<{ op: string; rows: number; spec: boolean }> = [];
    (globalThis as { berthDb?: unknown }).berthDb = realDb.$extends({
      query: {
        templateVersion: {
          async $allOperations({ operation, args, query }) {
            const result = await query(args);
            const rows = Array.isArray(result) ? result : result ? [result] : [];
            selects.push({ op: operation, rows: rows.length, spec: rows.some((r) => r && typeof r === "object" && "spec" in r) });
            return result;
          },
        },
      },
    });
    const v = await loadDeployableVersion(t.ctx, id);
    expect(v).toMatchObject({ version: 3, versions: [3, 2, 1], appName: "web" });
    const withSpec = selects.filter((s) => s.spec);
    expect(withSpec.reduce((n, s) => n + s.rows, 0)).toBe(1);
  });
});
