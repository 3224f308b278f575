"use server";
import { revalidatePath } from "next/cache";
import type { Msg } from "@/lib/i18n/message";
import { runAction, type ActionState } from "@/lib/server/action";
import { adoptInputSchema, adoptStatefulSet } from "@/lib/server/applications-adopt";
import { actionCtx } from "@/lib/server/session";

// Adopt: thin — parse, call the data layer (which reads the cluster with the viewer's credential).
export type Adopted = { id: string; version: number; warnings: string[]; warningMsgs: Msg[]; objects: string[] };

export async function adoptAction(_prev: ActionState<Adopted>, formData: FormData): Promise<ActionState<Adopted>> {
  const raw = {
    clusterId: formData.get("clusterId"),
    namespace: formData.get("namespace"),
    statefulSet: formData.get("statefulSet"),
    templateName: formData.get("templateName") || undefined,
    visibility: formData.get("visibility") === "team" ? "team" : "private",
  };
  return runAction(adoptInputSchema, raw, async (d) => {
    const result = await adoptStatefulSet(await actionCtx(), d);
    revalidatePath("/templates");
    return result;
  });
}
