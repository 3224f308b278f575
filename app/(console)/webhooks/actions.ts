"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { webhookInputSchema } from "@/lib/approvals/webhook-input";
import { echoValues, runAction, type ActionState } from "@/lib/server/action";
import { idField } from "@/lib/server/clusters-input";
import { createWebhook, deleteWebhook } from "@/lib/server/webhooks";
import { actionCtx } from "@/lib/server/session";

export async function createWebhookAction(_prev: ActionState<{ id: string; secret: string }>, formData: FormData): Promise<ActionState<{ id: string; secret: string }>> {
  const input = { url: formData.get("url") ?? "", format: formData.get("format") ?? "json", events: formData.getAll("events") };
  return runAction(webhookInputSchema, input, async (data) => {
    const created = await createWebhook(await actionCtx(), data);
    revalidatePath("/webhooks");
    return created;
  }, echoValues(formData));
}

export async function deleteWebhookAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(z.object({ id: idField }), { id: formData.get("id") }, async ({ id }) => {
    await deleteWebhook(await actionCtx(), id);
    revalidatePath("/webhooks");
    return undefined;
  });
}
