import "server-only";
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

export type TemplateRow = Prisma.TemplateGetPayload<object>;

/** The template if this actor may see it; "not found" otherwise (never reveals that it exists). */
export async function findVisibleTemplate(actor: Actor, templateId: string): Promise<TemplateRow> {
  const template = await db().template.findFirst({ where: { id: templateId, ...visibleTemplatesWhere(actor) } });
  if (!template) throw notFound("That template");
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
  if (!canEditTemplate(actor, template)) throw forbidden("You can read this template but not change it.");
}

/** Only the template's owner changes who sees it (a private template is theirs alone). */
export function canShareTemplate(actor: Actor, template: Pick<TemplateRow, "ownerId">): boolean {
  return roleAllows(actor.role, "template.write") && template.ownerId === actor.userId;
}

export function assertCanArchiveTemplate(actor: Actor, template: Pick<TemplateRow, "ownerId" | "visibility">): void {
  if (!canArchiveTemplate(actor, template)) throw forbidden("Only the template's owner, or a team owner or admin, can archive it.");
}

export function assertCanShareTemplate(actor: Actor, template: Pick<TemplateRow, "ownerId">): void {
  if (!canShareTemplate(actor, template)) throw forbidden("Only the template's owner can change who sees it.");
}
