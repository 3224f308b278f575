"use server";
import { revalidatePath } from "next/cache";
import { setOwn } from "@/lib/manifests/plain-object";
import { runAction, type ActionState } from "@/lib/server/action";
import { deployTemplate, planDeployment, type PlanResult } from "@/lib/server/deployments";
import { deployInputSchema } from "@/lib/server/deployments-input";
import type { ClusterResult } from "@/lib/server/deployments-run";
import { actionCtx } from "@/lib/server/session";

/** The deploy form's fields: `values.<parameter>`, one `clusterIds` per ticked cluster, flags. */
function readForm(formData: FormData) {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (key.startsWith("values.") && typeof value === "string") setOwn(values, key.slice(7), value);
  return {
    templateId: formData.get("templateId"),
    version: formData.get("version"),
    values,
    clusterIds: formData.getAll("clusterIds"),
    namespace: formData.get("namespace") ?? "",
    createNamespace: formData.get("createNamespace"),
    force: formData.get("force"),
    recreate: formData.get("recreate"),
    takeOver: formData.get("takeOver"),
    breakGlass: formData.get("breakGlass"),
    breakGlassReason: formData.get("breakGlassReason") ?? "",
  };
}

export async function planAction(_prev: ActionState<PlanResult>, formData: FormData): Promise<ActionState<PlanResult>> {
  return runAction(deployInputSchema, readForm(formData), async (input) => planDeployment(await actionCtx(), input));
}

export async function deployAction(_prev: ActionState<{ appName: string; results: ClusterResult[] }>, formData: FormData): Promise<ActionState<{ appName: string; results: ClusterResult[] }>> {
  return runAction(deployInputSchema, readForm(formData), async (input) => {
    const result = await deployTemplate(await actionCtx(), input);
    revalidatePath("/deployments");
    return result;
  });
}
