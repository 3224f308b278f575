"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/server/action";
import { actionCtx } from "@/lib/server/session";
import {
  duplicateTemplate, restoreTemplateVersion, saveTemplateVersion, setTemplateArchived, setTemplateVisibility, type SaveVersionInput,
} from "@/lib/server/templates";

// One action per verb on an existing template; each calls one data-layer function.
const id = z.string().min(1).max(64);
const refresh = (templateId: string) => {
  revalidatePath("/templates");
  revalidatePath(`/templates/${templateId}`);
};

export async function saveVersionAction(templateId: string, input: unknown): Promise<ActionState<{ version: number }>> {
  return runAction(z.object({ templateId: id, data: z.record(z.string(), z.unknown()) }), { templateId, data: input }, async ({ templateId, data }) => {
    const saved = await saveTemplateVersion(await actionCtx(), templateId, data as SaveVersionInput);
    refresh(templateId);
    return saved;
  });
}

export async function restoreVersionAction(_prev: ActionState<{ version: number }>, formData: FormData): Promise<ActionState<{ version: number }>> {
  const schema = z.object({ templateId: id, version: z.coerce.number().int().min(1), baseVersion: z.coerce.number().int().min(1) });
  return runAction(schema, Object.fromEntries(formData), async ({ templateId, version, baseVersion }) => {
    const restored = await restoreTemplateVersion(await actionCtx(), templateId, { version, baseVersion });
    refresh(templateId);
    return restored;
  });
}

export async function duplicateAction(_prev: ActionState<{ id: string }>, formData: FormData): Promise<ActionState<{ id: string }>> {
  return runAction(z.object({ templateId: id }), Object.fromEntries(formData), async ({ templateId }) => {
    const copy = await duplicateTemplate(await actionCtx(), templateId);
    revalidatePath("/templates");
    return copy;
  });
}

export async function archiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = z.object({ templateId: id, archived: z.enum(["true", "false"]) });
  return runAction(schema, Object.fromEntries(formData), async ({ templateId, archived }) => {
    await setTemplateArchived(await actionCtx(), templateId, archived === "true");
    refresh(templateId);
    return undefined;
  });
}

export async function shareAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = z.object({ templateId: id, visibility: z.enum(["private", "team"]) });
  return runAction(schema, Object.fromEntries(formData), async ({ templateId, visibility }) => {
    await setTemplateVisibility(await actionCtx(), templateId, visibility);
    refresh(templateId);
    return undefined;
  });
}
