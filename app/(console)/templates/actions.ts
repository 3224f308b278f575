"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/server/action";
import { actionCtx } from "@/lib/server/session";
import { createTemplate, type CreateTemplateInput } from "@/lib/server/templates";
import { importTemplate } from "@/lib/server/templates-io";

// The wizard and the import page post plain objects; the data layer validates every field.
const payload = z.record(z.string(), z.unknown());

export async function createTemplateAction(input: unknown): Promise<ActionState<{ id: string; version: number }>> {
  return runAction(payload, input, async (data) => {
    const created = await createTemplate(await actionCtx(), data as CreateTemplateInput);
    revalidatePath("/templates");
    return created;
  });
}

const importSchema = z.object({ text: z.string(), name: z.string().max(100).optional(), visibility: z.enum(["private", "team"]).optional() });

export async function importTemplateAction(input: unknown): Promise<ActionState<{ id: string; warnings: string[] }>> {
  return runAction(importSchema, input, async (data) => {
    const { id, warnings } = await importTemplate(await actionCtx(), data);
    revalidatePath("/templates");
    return { id, warnings };
  });
}
