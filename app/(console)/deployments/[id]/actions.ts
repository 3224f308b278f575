"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/server/action";
import { planRedeploy, redeploy, undeploy, type ClusterPlan } from "@/lib/server/deployments";
import { redeployInputSchema, undeployInputSchema } from "@/lib/server/deployments-input";
import type { ClusterResult } from "@/lib/server/deployments-run";
import { actionCtx } from "@/lib/server/session";

export async function planRedeployAction(_prev: ActionState<ClusterPlan>, formData: FormData): Promise<ActionState<ClusterPlan>> {
  const input = { deploymentId: formData.get("deploymentId"), force: formData.get("force"), recreate: formData.get("recreate"), takeOver: formData.get("takeOver") };
  return runAction(redeployInputSchema, input, async ({ deploymentId, force, recreate, takeOver }) => {
    const { manifest: _manifest, ...plan } = await planRedeploy(await actionCtx(), deploymentId, { force, recreate, takeOver });
    return plan;
  });
}

export async function redeployAction(_prev: ActionState<ClusterResult>, formData: FormData): Promise<ActionState<ClusterResult>> {
  const input = { deploymentId: formData.get("deploymentId"), reason: formData.get("reason") ?? "", force: formData.get("force"), recreate: formData.get("recreate"), takeOver: formData.get("takeOver"), ...breakGlassOf(formData) };
  return runAction(redeployInputSchema, input, async (data) => {
    const result = await redeploy(await actionCtx(), data);
    revalidatePath("/deployments");
    return result;
  });
}

export async function undeployAction(_prev: ActionState<ClusterResult & { keptClaims?: string[] }>, formData: FormData): Promise<ActionState<ClusterResult & { keptClaims?: string[] }>> {
  return runAction(undeployInputSchema, { deploymentId: formData.get("deploymentId"), reason: formData.get("reason") ?? "", ...breakGlassOf(formData) }, async (data) => {
    const result = await undeploy(await actionCtx(), data);
    revalidatePath("/deployments");
    return result;
  });
}

function breakGlassOf(formData: FormData) {
  return { breakGlass: formData.get("breakGlass"), breakGlassReason: formData.get("breakGlassReason") ?? "" };
}
