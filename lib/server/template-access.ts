import "server-only";
import { msg } from "@/lib/i18n/message";
import type { Prisma } from "@/lib/generated/prisma/client";
import { roleAllows } from "@/lib/auth/roles";
import type { Actor } from "./authz";
import { db } from "./db";
import { forbidden, notFound } from "./errors";

// Who may see and change a template. Shared by the template library and by deploys, so both
// apply one rule:
// - a team template is visible to every member of its team; owner/admin/member may edit it;
// - a private template is visible to, and editable by, its owner alone (not even team admins);
// - archiving someone else's team template needs owner/admin.
export function visibleTemplatesWhere(actor: Actor): Prisma.TemplateWhereInput {
  return { teamId: actor.teamId, OR: [{ visibility: "team" }, { ownerId: actor.userId }] };
}

/**
 * Deployments are team facts: every member sees that one happened (who, when, where, which app).
 * Its manifest, parameter values, results, messages and diff are shown to owners/admins, to the
 * deployer, and to members who can see its template — never through the history of someone
 * else's private template. Only the deployer or an owner/admin may redeploy or undeploy it.
 */
export type DeploymentAccess = { details: boolean; act: boolean };
export type DeploymentFacts = { actorId: string; template: Pick<TemplateRow, "ownerId" | "visibility"> | null };

export function deploymentAccess(actor: Actor, d: DeploymentFacts): DeploymentAccess {
  const manager = roleAllows(actor.role, "audit.read.team"); // owners/admins, who review the whole trail
  const mine = d.actorId === actor.userId;
  const templateVisible = d.template !== null && (d.template.visibility === "team" || d.template.ownerId === actor.userId);
  return { details: manager || mine || templateVisible, act: roleAllows(actor.role, "deploy.run") && (manager || mine) };
}

export type TemplateRow = Prisma.TemplateGetPayload<object>;

/** The template if this actor may see it; "not found" otherwise (never reveals that it exists). */
export async function findVisibleTemplate(actor: Actor, templateId: string): Promise<TemplateRow> {
  const template = await db().template.findFirst({ where: { id: templateId, ...visibleTemplatesWhere(actor) } });
  if (!template) throw notFound(msg("serverErrors.what.template"));
  return template;
}

export function canEditTemplate(actor: Actor, template: Pick<TemplateRow, "ownerId" | "visibility">): boolean {
  if (!roleAllows(actor.role, "template.write")) return false;
  return template.ownerId === actor.userId || template.visibility === "team";
}

export function canArchiveTemplate(actor: Actor, template: Pick<TemplateRow, "ownerId" | "visibility">): boolean {
  if (!roleAllows(actor.role, "template.write")) return false;
  return template.ownerId === actor.userId || (template.visibility === "team" && roleAllows(actor.role, "template.manage"));
}

export function assertCanEditTemplate(actor: Actor, template: Pick<TemplateRow, "ownerId" | "visibility">): void {
  if (!canEditTemplate(actor, template)) throw forbidden(msg("serverErrors.templates.readOnly"));
}

/** Only the template's owner changes who sees it (a private template is theirs alone). */
export function canShareTemplate(actor: Actor, template: Pick<TemplateRow, "ownerId">): boolean {
  return roleAllows(actor.role, "template.write") && template.ownerId === actor.userId;
}

export function assertCanArchiveTemplate(actor: Actor, template: Pick<TemplateRow, "ownerId" | "visibility">): void {
  if (!canArchiveTemplate(actor, template)) throw forbidden(msg("serverErrors.templates.archiveWho"));
}

export function assertCanShareTemplate(actor: Actor, template: Pick<TemplateRow, "ownerId">): void {
  if (!canShareTemplate(actor, template)) throw forbidden(msg("serverErrors.templates.shareWho"));
}
