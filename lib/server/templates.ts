import "server-only";
import { msg, type Msg } from "@/lib/i18n/message";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ParameterDefinition } from "@/lib/manifests";
import { roleAllows } from "@/lib/auth/roles";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit, recordAuditAlone, recordRefusal } from "./audit";
import { authorize, type Actor, type Ctx } from "./authz";
import { db, type Tx } from "./db";
import { AppError, conflict, invalid, type FieldMsgs } from "./errors";
import {
  assertCanArchiveTemplate, assertCanEditTemplate, assertCanShareTemplate, canArchiveTemplate, canEditTemplate, canShareTemplate,
  findVisibleTemplate, visibleTemplatesWhere, type TemplateRow,
} from "./template-access";
import { unbindTemplate, type Binding } from "./templates-bindings";
import {
  assertReasonableSize, buildTemplateContent, parseOrThrow, TemplateContentSchema, TemplateMetaSchema, templateLimits,
  type TemplateContentInput, type TemplateMetaInput,
} from "./templates-input";

// The template library: versioned, immutable app specs with typed parameters, shared in a team.
// Every function authorizes the caller, applies the visibility rule of template-access.ts, and
// audits each change in the transaction that makes it.

export type TemplateSummary = {
  id: string;
  name: string;
  description: string;
  labels: string[];
  visibility: "private" | "team";
  archived: boolean;
  owner: { id: string; name: string };
  latestVersion: number;
  latestAuthor: string;
  updatedAt: Date;
  deployments: number;
};

export type VersionSummary = { version: number; message: string; author: string; createdAt: Date };

export type TemplateDetail = TemplateSummary & {
  versions: VersionSummary[];
  can: { edit: boolean; archive: boolean; share: boolean };
};

export type TemplateVersionView = {
  templateId: string;
  version: number;
  message: string;
  author: string;
  createdAt: Date;
  /** Stored form: may contain parameter references. */
  spec: Record<string, unknown>;
  parameters: ParameterDefinition[];
};

export type ListQuery = {
  q?: string;
  /** Exactly this name (the API names templates by name). */
  name?: string;
  owner?: "me" | "all";
  visibility?: "private" | "team" | "all";
  archived?: boolean;
  page?: number;
  pageSize?: number;
};

const summarySelect = {
  id: true, name: true, description: true, labels: true, visibility: true, archivedAt: true, latestVersion: true, updatedAt: true, ownerId: true,
  _count: { select: { deployments: true } },
} satisfies Prisma.TemplateSelect;

type SummaryRow = Prisma.TemplateGetPayload<{ select: typeof summarySelect }>;

/**
 * The summaries, with each owner's name and the author of each template's newest version read in
 * one joined statement (as Prisma relations they were three: the owners, every version of the
 * page's templates, their authors).
 */
async function toSummaries(rows: SummaryRow[]): Promise<TemplateSummary[]> {
  if (!rows.length) return [];
  const names = await db().$queryRaw<{ id: string; ownerName: string; latestAuthor: string | null }[]>`
    SELECT t.id, o.name AS "ownerName",
           (SELECT u.name FROM "TemplateVersion" v JOIN "User" u ON u.id = v."authorId"
            WHERE v."templateId" = t.id ORDER BY v.version DESC LIMIT 1) AS "latestAuthor"
    FROM "Template" t JOIN "User" o ON o.id = t."ownerId"
    WHERE t.id = ANY(${rows.map((r) => r.id)}::text[])`;
  const byId = new Map(names.map((n) => [n.id, n]));
  return rows.map((row) => {
    const n = byId.get(row.id);
    if (!n) throw new Error(`template ${row.id} vanished while its page was read`); // templates are archived, never deleted
    return {
      id: row.id, name: row.name, description: row.description, labels: row.labels, visibility: row.visibility,
      archived: row.archivedAt !== null, owner: { id: row.ownerId, name: n.ownerName }, latestVersion: row.latestVersion,
      latestAuthor: n.latestAuthor ?? "", updatedAt: row.updatedAt, deployments: row._count.deployments,
    };
  });
}

export async function listTemplates(ctx: Ctx, query: ListQuery = {}): Promise<{ items: TemplateSummary[]; total: number; page: number; pageCount: number }> {
  const actor = await authorize(ctx, "team.read");
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const q = typeof query.q === "string" ? query.q.trim().slice(0, 100) : ""; // ?q=a&q=b arrives as a list
  const where: Prisma.TemplateWhereInput = {
    AND: [
      visibleTemplatesWhere(actor),
      query.archived ? { archivedAt: { not: null } } : { archivedAt: null },
      query.owner === "me" ? { ownerId: actor.userId } : {},
      query.visibility && query.visibility !== "all" ? { visibility: query.visibility } : {},
      q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { labels: { has: q.toLowerCase() } }, { labels: { has: q } }] } : {},
      typeof query.name === "string" ? { name: query.name.slice(0, 200) } : {},
    ],
  };
  const total = await db().template.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.floor(query.page ?? 1), 1), pageCount);
  const rows = await db().template.findMany({
    where, select: summarySelect, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize,
  });
  return { items: await toSummaries(rows), total, page, pageCount };
}

export async function getTemplate(ctx: Ctx, templateId: string): Promise<TemplateDetail> {
  const actor = await authorize(ctx, "team.read");
  const t = await findVisibleTemplate(actor, templateId);
  const [row, versions] = await Promise.all([
    db().template.findUniqueOrThrow({ where: { id: t.id }, select: summarySelect }),
    db().templateVersion.findMany({
      where: { templateId: t.id }, orderBy: { version: "desc" }, take: 200,
      select: { version: true, message: true, createdAt: true, author: { select: { name: true } } },
    }),
  ]);
  const [summary] = await toSummaries([row]);
  return {
    ...summary,
    versions: versions.map((v) => ({ version: v.version, message: v.message, createdAt: v.createdAt, author: v.author.name })),
    can: { edit: canEditTemplate(actor, t) && !t.archivedAt, archive: canArchiveTemplate(actor, t), share: canShareTemplate(actor, t) },
  };
}

/** One stored version (latest when `version` is omitted). */
export async function getTemplateVersion(ctx: Ctx, templateId: string, version?: number): Promise<TemplateVersionView> {
  const actor = await authorize(ctx, "team.read");
  const t = await findVisibleTemplate(actor, templateId);
  return loadVersion(t, version ?? t.latestVersion);
}

/** What the edit page needs: the concrete app at the parameter defaults plus the bindings. */
export async function getTemplateForEdit(ctx: Ctx, templateId: string) {
  const actor = await authorize(ctx, "team.read");
  const t = await findVisibleTemplate(actor, templateId);
  const v = await loadVersion(t, t.latestVersion);
  const { spec, bindings, errors } = unbindTemplate(v.spec, v.parameters);
  return {
    template: { id: t.id, name: t.name, description: t.description, labels: t.labels, visibility: t.visibility, archived: t.archivedAt !== null },
    version: v.version, spec, bindings, parameters: v.parameters, errors,
    canEdit: canEditTemplate(actor, t) && !t.archivedAt,
  };
}

async function loadVersion(t: TemplateRow, version: number): Promise<TemplateVersionView> {
  if (!Number.isSafeInteger(version) || version < 1 || version > 2_147_483_647) throw invalid(msg("serverErrors.templates.chooseVersion"), { version: [msg("serverErrors.templates.versionWholeNumber")] });
  const v = await db().templateVersion.findUnique({
    where: { templateId_version: { templateId: t.id, version } },
    select: { version: true, message: true, createdAt: true, spec: true, parameters: true, author: { select: { name: true } } },
  });
  if (!v) throw invalid(msg("serverErrors.templates.versionMissing", { version }));
  return {
    templateId: t.id, version: v.version, message: v.message, createdAt: v.createdAt, author: v.author.name,
    spec: v.spec as Record<string, unknown>, parameters: v.parameters as ParameterDefinition[],
  };
}

export type CreateTemplateInput = TemplateMetaInput & TemplateContentInput;

export async function createTemplate(
  ctx: Ctx, input: CreateTemplateInput, action: "template.create" | "template.import" | "template.adopt" = "template.create", detail: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const actor = await authorize(ctx, "template.write", { what: action });
  assertReasonableSize(input);
  const meta = parseOrThrow(TemplateMetaSchema, input);
  const content = buildTemplateContent(parseOrThrow(TemplateContentSchema, input));
  await audited(actor, action, null, () => assertMayLock(actor, content.parameters, []));
  return db().$transaction(async (tx) => {
    await assertRoomForTemplate(tx, actor.teamId);
    const t = await tx.template.create({
      data: { teamId: actor.teamId, ownerId: actor.userId, ...meta, latestVersion: 1 },
    });
    await tx.templateVersion.create({ data: { templateId: t.id, version: 1, ...json(content), message: input.message ?? "", authorId: actor.userId } });
    await audit(tx, actor, action, t, { version: 1, visibility: t.visibility, parameters: content.parameters.length, ...detail });
    return { id: t.id, version: 1 };
  });
}

export type SaveVersionInput = TemplateContentInput & Partial<TemplateMetaInput> & { baseVersion: number };

/** A new immutable version. `baseVersion` is the version the editor started from. */
export async function saveTemplateVersion(ctx: Ctx, templateId: string, input: SaveVersionInput): Promise<{ version: number }> {
  const { actor, t } = await editable(ctx, templateId, "template.version");
  assertReasonableSize(input);
  const meta = input.name !== undefined ? parseOrThrow(TemplateMetaSchema.omit({ visibility: true }), input) : null;
  const content = buildTemplateContent(parseOrThrow(TemplateContentSchema, input));
  const before = (await loadVersion(t, t.latestVersion)).parameters;
  await audited(actor, "template.version", t, () => assertMayLock(actor, content.parameters, before));
  return appendVersion(actor, t, Number(input.baseVersion), content, input.message ?? "", "template.version", meta ?? undefined);
}

/** Restores an old version's content as a new version (history is never rewritten). */
export async function restoreTemplateVersion(ctx: Ctx, templateId: string, input: { version: number; baseVersion: number }): Promise<{ version: number }> {
  const { actor, t } = await editable(ctx, templateId, "template.restore");
  const old = await loadVersion(t, Number(input.version));
  const before = (await loadVersion(t, t.latestVersion)).parameters;
  await audited(actor, "template.restore", t, () => assertMayLock(actor, old.parameters, before));
  return appendVersion(actor, t, Number(input.baseVersion), { spec: old.spec, parameters: old.parameters }, `Restored version ${old.version}`, "template.restore", undefined, old.version);
}

async function appendVersion(
  actor: Actor, t: TemplateRow, baseVersion: number, content: { spec: Record<string, unknown>; parameters: ParameterDefinition[] },
  message: string, action: "template.version" | "template.restore", meta?: { name: string; description: string; labels: string[] }, restoredFrom?: number,
): Promise<{ version: number }> {
  if (!Number.isSafeInteger(baseVersion) || baseVersion < 1) throw invalid(msg("serverErrors.templates.baseVersionMissing"));
  const next = baseVersion + 1;
  const { versions: maxVersions } = templateLimits();
  if (next > maxVersions) {
    throw invalid(msg("serverErrors.templates.tooManyVersions", { count: baseVersion, max: maxVersions }));
  }
  try {
    return await db().$transaction(async (tx) => {
      // The conditional update is the lock: of two saves from the same base, one matches.
      const claimed = await tx.template.updateMany({
        where: { id: t.id, latestVersion: baseVersion, archivedAt: null },
        data: { latestVersion: next, ...(meta ?? {}) },
      });
      if (claimed.count !== 1) throw await staleError(tx, t.id, baseVersion);
      await tx.templateVersion.create({ data: { templateId: t.id, version: next, ...json(content), message, authorId: actor.userId } });
      await audit(tx, actor, action, { ...t, name: meta?.name ?? t.name }, { version: next, baseVersion, ...(restoredFrom ? { restoredFrom } : {}) });
      return { version: next };
    });
  } catch (e) {
    if (e instanceof Error && e.name === "AppError" && (e as { code?: string }).code === "conflict") {
      await recordAuditAlone({ action, actor: { id: actor.userId, email: actor.email }, teamId: actor.teamId, target: { type: "template", id: t.id, name: t.name }, summary: { baseVersion }, result: "failure", reason: e.message });
    }
    throw e;
  }
}

/**
 * Templates per team (BERTH_MAX_TEMPLATES_PER_TEAM), archived ones included: counted under a
 * transaction-scoped advisory lock per team, so two creates at once cannot both take the last place.
 */
async function assertRoomForTemplate(tx: Tx, teamId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`berth:templates:${teamId}`}, 0))`;
  const max = templateLimits().templatesPerTeam;
  if ((await tx.template.count({ where: { teamId } })) >= max) {
    throw invalid(msg("serverErrors.templates.tooManyTemplates", { max }));
  }
}

async function staleError(tx: Tx, templateId: string, baseVersion: number) {
  const current = await tx.template.findUniqueOrThrow({ where: { id: templateId }, select: { latestVersion: true, archivedAt: true } });
  if (current.archivedAt) return conflict(msg("serverErrors.templates.archivedNoSave"));
  const latest = await tx.templateVersion.findUnique({
    where: { templateId_version: { templateId, version: current.latestVersion } }, select: { author: { select: { name: true } } },
  });
  return conflict(msg("serverErrors.templates.newerVersion", { latest: current.latestVersion, author: latest?.author.name ?? msg("serverErrors.templates.someone"), base: baseVersion }));
}

export async function duplicateTemplate(ctx: Ctx, templateId: string, input: { name?: string } = {}): Promise<{ id: string }> {
  const actor = await authorize(ctx, "template.write", { what: "template.duplicate", targetId: templateId });
  const source = await findVisibleTemplate(actor, templateId);
  const v = await loadVersion(source, source.latestVersion);
  const { name } = parseOrThrow(TemplateMetaSchema.pick({ name: true }), { name: input.name?.trim() || `${source.name} (copy)`.slice(0, 100) });
  return db().$transaction(async (tx) => {
    await assertRoomForTemplate(tx, actor.teamId);
    const t = await tx.template.create({
      data: { teamId: actor.teamId, ownerId: actor.userId, name, description: source.description, labels: source.labels, visibility: "private", latestVersion: 1 },
    });
    await tx.templateVersion.create({
      data: { templateId: t.id, version: 1, spec: v.spec as Prisma.InputJsonValue, parameters: v.parameters as Prisma.InputJsonValue, message: `Duplicated from ${source.name} v${v.version}`, authorId: actor.userId },
    });
    await audit(tx, actor, "template.duplicate", t, { from: source.id, fromVersion: v.version });
    return { id: t.id };
  });
}

export async function setTemplateArchived(ctx: Ctx, templateId: string, archived: boolean): Promise<void> {
  const action = archived ? "template.archive" : "template.unarchive";
  const actor = await authorize(ctx, "template.write", { what: action, targetId: templateId });
  const t = await findVisibleTemplate(actor, templateId);
  await audited(actor, action, t, () => assertCanArchiveTemplate(actor, t));
  if ((t.archivedAt !== null) === archived) throw invalid(msg(archived ? "serverErrors.templates.alreadyArchived" : "serverErrors.templates.notArchived"));
  await db().$transaction(async (tx) => {
    await tx.template.update({ where: { id: t.id }, data: { archivedAt: archived ? new Date() : null } });
    await audit(tx, actor, action, t, {});
  });
}

export async function setTemplateVisibility(ctx: Ctx, templateId: string, visibility: "private" | "team"): Promise<void> {
  const actor = await authorize(ctx, "template.write", { what: "template.share", targetId: templateId });
  const t = await findVisibleTemplate(actor, templateId);
  await audited(actor, "template.share", t, () => assertCanShareTemplate(actor, t));
  if (visibility !== "private" && visibility !== "team") throw invalid(msg("serverErrors.templates.choosePrivateOrTeam"), { visibility: [msg("serverErrors.templates.privateOrTeam")] });
  if (t.visibility === visibility) return;
  await db().$transaction(async (tx) => {
    await tx.template.update({ where: { id: t.id }, data: { visibility } });
    await audit(tx, actor, "template.share", t, { from: t.visibility, to: visibility });
  });
}

/**
 * Locking a parameter (deployers cannot change it) is for owners and admins: anyone else's save
 * must keep the locked parameters exactly as the version before had them.
 */
function assertMayLock(actor: Actor, next: ParameterDefinition[], before: ParameterDefinition[]): void {
  if (roleAllows(actor.role, "template.manage")) return;
  const locked = (list: ParameterDefinition[]) => new Map(list.filter((p) => p.lockedByAdmin).map((p) => [p.name, JSON.stringify(p.default)]));
  const was = locked(before);
  const now = locked(next);
  const errors: FieldMsgs = {};
  next.forEach((p, i) => {
    if (p.lockedByAdmin && was.get(p.name) !== JSON.stringify(p.default)) errors[`parameters.${i}.lockedByAdmin`] = [msg("serverErrors.templates.lockParameter")];
    if (!p.lockedByAdmin && was.has(p.name)) errors[`parameters.${i}.lockedByAdmin`] = [msg("serverErrors.templates.unlockParameter")];
  });
  for (const name of was.keys()) if (!now.has(name) && !next.some((p) => p.name === name)) errors.parameters = [msg("serverErrors.templates.removeLocked", { name })];
  if (Object.keys(errors).length) throw forbiddenWith(msg("serverErrors.templates.lockNothingSaved"), errors);
}

/** The caller may change this template (role, visibility, not archived), else throws. */
async function editable(ctx: Ctx, templateId: string, what: AuditAction) {
  const actor = await authorize(ctx, "template.write", { what, targetId: templateId });
  const t = await findVisibleTemplate(actor, templateId);
  await audited(actor, what, t, () => assertCanEditTemplate(actor, t));
  if (t.archivedAt) throw conflict(msg("serverErrors.templates.archivedNoSave"));
  return { actor, t };
}

async function audit(tx: Tx, actor: Actor, action: AuditAction, t: { id: string; name: string }, summary: Record<string, unknown>) {
  await recordAudit(tx, {
    action, actor: { id: actor.userId, email: actor.email }, teamId: actor.teamId,
    target: { type: "template", id: t.id, name: t.name }, summary,
  });
}

/** Runs a check that refuses by throwing; a refusal is recorded in the audit trail first. */
async function audited(actor: Actor, action: AuditAction, t: { id: string; name: string } | null, check: () => void): Promise<void> {
  try {
    check();
  } catch (e) {
    const fields = e instanceof AppError ? Object.keys(e.fieldErrors) : [];
    await recordRefusal(e, {
      action, actor: { id: actor.userId, email: actor.email }, teamId: actor.teamId,
      target: t ? { type: "template", id: t.id, name: t.name } : undefined, summary: fields.length ? { fields } : {},
    });
    throw e;
  }
}

function forbiddenWith(message: Msg, fieldErrors: FieldMsgs): AppError {
  return new AppError(message, "forbidden", fieldErrors);
}

function json(content: { spec: Record<string, unknown>; parameters: ParameterDefinition[] }) {
  return { spec: content.spec as Prisma.InputJsonValue, parameters: content.parameters as Prisma.InputJsonValue };
}

export function canWriteTemplates(actor: Pick<Actor, "role">): boolean {
  return roleAllows(actor.role, "template.write");
}

export type { Binding };
