import { describe, expect, it } from "vitest";
import { formatMsg, msg } from "@/lib/i18n/message";
import { strictTranslator } from "@/lib/i18n/strict-translator";
import { defaultAppSpec, type ParameterDefinition } from "@/lib/manifests";
import { addMember, newTeam } from "@/scripts/test-support/fixtures";
import { db } from "./db";
import { AppError } from "./errors";
import {
  createTemplate, duplicateTemplate, getTemplate, getTemplateForEdit, getTemplateVersion, listTemplates, restoreTemplateVersion,
  saveTemplateVersion, setTemplateArchived, setTemplateVisibility,
} from "./templates";
import { compareTemplateVersions, exportRenderedYaml, exportTemplateFile, importTemplate } from "./templates-io";

const rejectsWith = (p: Promise<unknown>, code: AppError["code"], message?: RegExp) =>
  expect(p).rejects.toSatisfy((e) => e instanceof AppError && e.code === code && (!message || message.test(e.message)));

const tagParam: ParameterDefinition = { name: "imageTag", type: "string", required: true, default: "1.27", lockedByAdmin: false };
const nginx = (overrides: Record<string, unknown> = {}) => ({
  name: "nginx web",
  description: "the seed's example",
  labels: ["web"],
  spec: defaultAppSpec("nginx") as unknown as Record<string, unknown>,
  parameters: [tagParam],
  bindings: [{ path: "containers.0.image", parameter: "imageTag", mode: "tag" as const }],
  message: "first",
  ...overrides,
});

async function eventsFor(teamId: string, targetId: string) {
  return db().auditEvent.findMany({ where: { chainKey: teamId, targetId }, orderBy: { id: "asc" } });
}

describe("template library", () => {
  it("creates, versions, restores, duplicates, archives and shares; one audit event per change", async () => {
    const t = await newTeam("tpl");
    const { id } = await createTemplate(t.ctx, nginx());
    const v1 = await getTemplateVersion(t.ctx, id, 1);
    expect((v1.spec.containers as Array<{ image: string }>)[0].image).toBe("nginx:{{ params.imageTag }}");
    const edit = await getTemplateForEdit(t.ctx, id);
    expect(edit.spec?.containers[0].image).toBe("nginx:1.27");
    expect(edit.bindings).toEqual([{ path: "containers.0.image", parameter: "imageTag", mode: "tag" }]);

    const spec2 = { ...defaultAppSpec("nginx"), replicas: 3 };
    expect(await saveTemplateVersion(t.ctx, id, { ...nginx({ spec: spec2, message: "three replicas" }), baseVersion: 1 })).toEqual({ version: 2 });
    expect(await restoreTemplateVersion(t.ctx, id, { version: 1, baseVersion: 2 })).toEqual({ version: 3 });
    expect((await getTemplateVersion(t.ctx, id)).spec.replicas).toBe(2);
    const cmp = await compareTemplateVersions(t.ctx, id, 1, 2);
    expect(cmp.changes).toContainEqual({ path: "replicas", before: 2, after: 3 });
    expect(cmp.yamlDiff).toContain("+  replicas: 3");

    const dup = await duplicateTemplate(t.ctx, id);
    await setTemplateVisibility(t.ctx, id, "team");
    await setTemplateArchived(t.ctx, id, true);
    await rejectsWith(saveTemplateVersion(t.ctx, id, { ...nginx(), baseVersion: 3 }), "conflict", /archived/);
    await setTemplateArchived(t.ctx, id, false);

    const detail = await getTemplate(t.ctx, id);
    expect(detail.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(detail.visibility).toBe("team");
    expect(detail.latestAuthor).toBe(t.owner.name);
    expect(detail.deployments).toBe(0);

    const events = await eventsFor(t.teamId, id);
    expect(events.map((e) => [e.action, e.result])).toEqual([
      ["template.create", "success"], ["template.version", "success"], ["template.restore", "success"],
      ["template.share", "success"], ["template.archive", "success"], ["template.unarchive", "success"],
    ]);
    expect(events.every((e) => e.actorId === t.owner.id && e.targetType === "template")).toBe(true);
    const dupEvents = await eventsFor(t.teamId, dup.id);
    expect(dupEvents.map((e) => e.action)).toEqual(["template.duplicate"]);
    expect((dupEvents[0].summary as { from: string }).from).toBe(id);
  });

  it("two saves from the same version: the second is told a newer version exists, nothing overwritten", async () => {
    const t = await newTeam("race");
    const other = await addMember(t.teamId, "member", "rival");
    const { id } = await createTemplate(t.ctx, nginx({ visibility: "team" }));
    const results = await Promise.allSettled([
      saveTemplateVersion(t.ctx, id, { ...nginx({ spec: { ...defaultAppSpec("nginx"), replicas: 4 } }), baseVersion: 1 }),
      saveTemplateVersion(other.ctx, id, { ...nginx({ spec: { ...defaultAppSpec("nginx"), replicas: 5 } }), baseVersion: 1 }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(AppError);
    expect(failed[0].reason.code).toBe("conflict");
    expect(failed[0].reason.message).toMatch(/A newer version \(v2 by .+\) exists/);
    expect(await db().templateVersion.count({ where: { templateId: id } })).toBe(2);
    // a later save from the stale base is refused too
    await rejectsWith(saveTemplateVersion(t.ctx, id, { ...nginx(), baseVersion: 1 }), "conflict", /v2 by/);
  });

  it("a viewer cannot save; the attempt is audited and nothing changes", async () => {
    const t = await newTeam("view");
    const viewer = await addMember(t.teamId, "viewer");
    const { id } = await createTemplate(t.ctx, nginx({ visibility: "team" }));
    expect((await getTemplate(viewer.ctx, id)).can).toEqual({ edit: false, archive: false, share: false });
    await rejectsWith(saveTemplateVersion(viewer.ctx, id, { ...nginx(), baseVersion: 1 }), "forbidden");
    await rejectsWith(createTemplate(viewer.ctx, nginx()), "forbidden");
    await rejectsWith(setTemplateArchived(viewer.ctx, id, true), "forbidden");
    expect(await db().templateVersion.count({ where: { templateId: id } })).toBe(1);
    const denied = await db().auditEvent.findMany({ where: { chainKey: t.teamId, action: "authz.denied" } });
    expect(denied.map((e) => e.actorId)).toEqual([viewer.user.id, viewer.user.id, viewer.user.id]);
    expect(denied[0].targetId).toBe(id);
  });

  it("a private template is invisible to other members and other teams, by list and by id", async () => {
    const t = await newTeam("priv");
    const member = await addMember(t.teamId, "member");
    const admin = await addMember(t.teamId, "admin");
    const outsider = await newTeam("outside");
    const { id } = await createTemplate(t.ctx, nginx());
    const shared = await createTemplate(t.ctx, nginx({ name: "shared one", visibility: "team" }));
    for (const ctx of [member.ctx, admin.ctx, outsider.ctx]) {
      await rejectsWith(getTemplate(ctx, id), "not_found");
      await rejectsWith(saveTemplateVersion(ctx, id, { ...nginx(), baseVersion: 1 }), "not_found");
      await rejectsWith(duplicateTemplate(ctx, id), "not_found");
    }
    await rejectsWith(exportTemplateFile(outsider.ctx, shared.id), "not_found");
    // another team's owner naming the team: not a member
    await rejectsWith(getTemplate({ userId: outsider.owner.id, teamId: t.teamId }, shared.id), "forbidden");
    expect((await listTemplates(member.ctx)).items.map((i) => i.name)).toEqual(["shared one"]);
    expect((await listTemplates(outsider.ctx)).items).toEqual([]);
    // a member edits the shared one, but only its owner changes who sees it
    expect(await saveTemplateVersion(member.ctx, shared.id, { ...nginx({ name: "shared one" }), baseVersion: 1 })).toEqual({ version: 2 });
    await rejectsWith(setTemplateVisibility(member.ctx, shared.id, "private"), "forbidden");
    await rejectsWith(setTemplateArchived(member.ctx, shared.id, true), "forbidden");
    await setTemplateArchived(admin.ctx, shared.id, true);
  });

  it("a version that is not a whole number (e.g. ?version=abc on the export link) is invalid, not an unexpected error", async () => {
    const t = await newTeam("vnum");
    const { id } = await createTemplate(t.ctx, nginx());
    for (const version of [Number.NaN, 1.5, 0, -1, 2 ** 40]) {
      await rejectsWith(getTemplateVersion(t.ctx, id, version), "invalid");
      await rejectsWith(exportTemplateFile(t.ctx, id, version), "invalid");
      await rejectsWith(restoreTemplateVersion(t.ctx, id, { version, baseVersion: 1 }), "invalid");
    }
    await rejectsWith(getTemplateVersion(t.ctx, id, 7), "invalid", /Version 7/);
  });

  it("only owners and admins lock parameters; a member keeps locked ones as they are", async () => {
    const t = await newTeam("lock");
    const member = await addMember(t.teamId, "member");
    const locked: ParameterDefinition = { ...tagParam, lockedByAdmin: true };
    await rejectsWith(createTemplate(member.ctx, nginx({ parameters: [locked] })), "forbidden", /lock/);
    const { id } = await createTemplate(t.ctx, nginx({ parameters: [locked], visibility: "team" }));
    // the member may save other changes while keeping the lock
    expect(await saveTemplateVersion(member.ctx, id, { ...nginx({ parameters: [locked], spec: { ...defaultAppSpec("nginx"), replicas: 3 } }), baseVersion: 1 })).toEqual({ version: 2 });
    await expect(saveTemplateVersion(member.ctx, id, { ...nginx({ parameters: [{ ...locked, default: "1.28" }] }), baseVersion: 2 })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "forbidden" && Object.keys(e.fieldErrors).includes("parameters.0.lockedByAdmin"),
    );
    await rejectsWith(saveTemplateVersion(member.ctx, id, { ...nginx({ parameters: [tagParam] }), baseVersion: 2 }), "forbidden", /lock/);
    expect(await db().templateVersion.count({ where: { templateId: id } })).toBe(2);
  });

  it("a parameter of the wrong type is an error naming it; nothing is saved", async () => {
    const t = await newTeam("param");
    const before = await db().template.count({ where: { teamId: t.teamId } });
    const replicas: ParameterDefinition = { name: "replicas", type: "integer", required: true, default: "many" as never, lockedByAdmin: false };
    const bad = nginx({ parameters: [tagParam, replicas], bindings: [...nginx().bindings, { path: "replicas", parameter: "replicas", mode: "value" }] });
    await expect(createTemplate(t.ctx, bad)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "invalid" && /parameter "replicas"/.test(e.message) && Object.keys(e.fieldErrors).includes("parameters.1.default"),
    );
    const wrongField: ParameterDefinition = { name: "replicas", type: "string", required: true, default: "two", lockedByAdmin: false };
    await expect(createTemplate(t.ctx, nginx({ parameters: [wrongField], bindings: [{ path: "replicas", parameter: "replicas", mode: "value" }] }))).rejects.toSatisfy(
      (e) => e instanceof AppError && /parameter "replicas"/.test(e.message) && Object.keys(e.fieldErrors).includes("spec.replicas"),
    );
    await expect(createTemplate(t.ctx, nginx({ spec: { ...defaultAppSpec("Bad_Name") } }))).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "invalid" && Object.keys(e.fieldErrors).includes("spec.name"),
    );
    expect(await db().template.count({ where: { teamId: t.teamId } })).toBe(before);
    expect(await db().auditEvent.count({ where: { chainKey: t.teamId, action: { startsWith: "template." } } })).toBe(0);
  });

  it("oversized input is rejected with a clear message before any work", async () => {
    const t = await newTeam("big");
    const spec = defaultAppSpec("nginx");
    spec.containers[0].env = Array.from({ length: 10_000 }, (_, i) => ({ type: "value" as const, name: `V${i}`, value: "x" }));
    await rejectsWith(createTemplate(t.ctx, nginx({ spec })), "invalid", /too many rows/);
    await expect(createTemplate(t.ctx, nginx({ spec }))).rejects.toSatisfy((e) => e instanceof AppError && /10000 environment variables/.test(e.fieldErrors["spec.containers.0.env"]?.[0] ?? ""));
    await rejectsWith(createTemplate(t.ctx, nginx({ description: "x".repeat(5 * 1024 * 1024) })), "invalid", /too large/);
    await rejectsWith(importTemplate(t.ctx, { text: "a: b\n".repeat(1_300_000) }), "invalid", /too large/);
    await rejectsWith(createTemplate(t.ctx, nginx({ name: "n".repeat(101) })), "invalid");
    expect(await db().template.count({ where: { teamId: t.teamId } })).toBe(0);
  });

  it("imports YAML and template files; exports both and the file imports back", async () => {
    const t = await newTeam("io");
    const { id } = await createTemplate(t.ctx, nginx());
    const rendered = await exportRenderedYaml(t.ctx, id, 1, { imageTag: "1.28" });
    expect(rendered.text).toContain("image: nginx:1.28");
    await expect(exportRenderedYaml(t.ctx, id, 1, { imageTag: 5 })).rejects.toSatisfy((e) => e instanceof AppError && /imageTag/.test(e.message));

    const file = await exportTemplateFile(t.ctx, id);
    expect(file.text).toContain("kind: BerthTemplate");
    const back = await importTemplate(t.ctx, { text: file.text, name: "round trip" });
    const again = await getTemplateVersion(t.ctx, back.id, 1);
    expect(again.spec).toEqual((await getTemplateVersion(t.ctx, id, 1)).spec);
    expect(again.parameters).toEqual([tagParam]);

    const fromYaml = await importTemplate(t.ctx, { text: `${rendered.text}\n---\napiVersion: v1\nkind: Secret\nmetadata: { name: web-secret }\nstringData: { password: x }\n` });
    expect((await getTemplate(t.ctx, fromYaml.id)).name).toBe("nginx");
    // What was left out: English for the API's callers, a message for the console (adopt shows it).
    expect(fromYaml.warnings).toContain("Secret web-secret ignored: Secrets are not stored in templates; create them in the cluster and reference them");
    expect(fromYaml.warningMsgs.map((m) => formatMsg(strictTranslator("zh-CN"), m))).toContain(`Secret web-secret 未导入：${formatMsg(strictTranslator("zh-CN"), msg("importYaml.objects.secret"))}`);
    await expect(importTemplate(t.ctx, { text: "kind: StatefulSet\nmetadata: {name: [\n" })).rejects.toSatisfy(
      (e) => e instanceof AppError && /line \d+, column \d+/.test(e.fieldErrors.text?.[0] ?? ""),
    );
    const imports = await db().auditEvent.findMany({ where: { chainKey: t.teamId, action: "template.import" } });
    expect(imports.map((e) => e.targetId).sort()).toEqual([back.id, fromYaml.id].sort());
  });

  it("lists with search, filters, sort by last change and pages", async () => {
    const t = await newTeam("list");
    const member = await addMember(t.teamId, "member");
    const a = await createTemplate(t.ctx, nginx({ name: "alpha db", labels: ["database"], visibility: "team" }));
    await createTemplate(member.ctx, nginx({ name: "bravo web", visibility: "team" }));
    await createTemplate(t.ctx, nginx({ name: "charlie cache", labels: ["cache"] }));
    await saveTemplateVersion(t.ctx, a.id, { ...nginx({ name: "alpha db", labels: ["database"] }), baseVersion: 1 });
    const all = await listTemplates(t.ctx);
    expect(all.items.map((i) => i.name)).toEqual(["alpha db", "charlie cache", "bravo web"]);
    expect(all.items[0].latestVersion).toBe(2);
    expect((await listTemplates(t.ctx, { q: "database" })).items.map((i) => i.name)).toEqual(["alpha db"]);
    expect((await listTemplates(t.ctx, { q: "WEB" })).items.map((i) => i.name)).toEqual(["bravo web"]);
    expect((await listTemplates(t.ctx, { owner: "me" })).total).toBe(2);
    expect((await listTemplates(t.ctx, { visibility: "private" })).items.map((i) => i.name)).toEqual(["charlie cache"]);
    const page2 = await listTemplates(t.ctx, { pageSize: 2, page: 2 });
    expect([page2.page, page2.pageCount, page2.items.length]).toEqual([2, 2, 1]);
    await setTemplateArchived(t.ctx, a.id, true);
    expect((await listTemplates(t.ctx, { archived: true })).items.map((i) => i.name)).toEqual(["alpha db"]);
    expect((await listTemplates(t.ctx)).total).toBe(2);
  });

  it("a summary names the template's owner and its newest version's author, as the rows say", async () => {
    // Read in one joined statement (toSummaries): checked against Prisma's own relation reads.
    const t = await newTeam("tpl-names");
    const admin = await addMember(t.teamId, "admin", "tpl-names-admin");
    const member = await addMember(t.teamId, "member", "tpl-names-member");
    const a = await createTemplate(t.ctx, nginx({ name: "by owner", visibility: "team" }));
    await saveTemplateVersion(admin.ctx, a.id, { ...nginx({ message: "admin's" }), baseVersion: 1 });
    const b = await createTemplate(admin.ctx, nginx({ name: "by admin", visibility: "team" }));
    await saveTemplateVersion(t.ctx, b.id, { ...nginx({ message: "owner's" }), baseVersion: 1 });
    await saveTemplateVersion(admin.ctx, b.id, { ...nginx({ message: "admin's again" }), baseVersion: 2 });
    const rows = await db().template.findMany({
      where: { teamId: t.teamId },
      include: { owner: true, versions: { orderBy: { version: "desc" }, take: 1, include: { author: true } }, _count: { select: { deployments: true } } },
    });
    const list = await listTemplates(member.ctx);
    expect(list.items).toHaveLength(2);
    for (const item of list.items) {
      const r = rows.find((x) => x.id === item.id)!;
      const expected = { owner: { id: r.owner.id, name: r.owner.name }, latestAuthor: r.versions[0].author.name, latestVersion: r.latestVersion, deployments: r._count.deployments };
      expect(item).toMatchObject(expected);
      expect(await getTemplate(member.ctx, item.id)).toMatchObject(expected);
    }
    expect(list.items.find((i) => i.id === a.id)).toMatchObject({ owner: { name: t.owner.name }, latestAuthor: admin.user.name, latestVersion: 2 });
    expect(list.items.find((i) => i.id === b.id)).toMatchObject({ owner: { name: admin.user.name }, latestAuthor: admin.user.name, latestVersion: 3 });
  });
});
