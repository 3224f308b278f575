"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/server/action";
import { appKeySchema } from "@/lib/server/applications-input";
import { syncApplication } from "@/lib/server/applications-drift";
import { deleteAppPod, deleteLeftoverClaim, restartApplication, scaleApplication } from "@/lib/server/applications-ops";
import { rollbackTo } from "@/lib/server/deployments";
import { idField } from "@/lib/server/clusters-input";
import type { ClusterResult } from "@/lib/server/deployments-run";
import { actionCtx } from "@/lib/server/session";

// The application page's actions: thin — parse, call one data-layer function, revalidate.
const key = (f: FormData) => ({ clusterId: f.get("clusterId"), namespace: f.get("namespace"), appName: f.get("appName") });
const path = (k: z.infer<typeof appKeySchema>) => `/applications/${k.clusterId}/${k.namespace}/${k.appName}`;
const name = appKeySchema.shape.appName;

export async function syncAction(_prev: ActionState<ClusterResult>, formData: FormData): Promise<ActionState<ClusterResult>> {
  return runAction(appKeySchema, key(formData), async (k) => {
    const result = await syncApplication(await actionCtx(), k);
    revalidatePath(path(k));
    return result;
  });
}

export async function rollbackAction(_prev: ActionState<ClusterResult>, formData: FormData): Promise<ActionState<ClusterResult>> {
  const schema = appKeySchema.extend({ deploymentId: idField });
  return runAction(schema, { ...key(formData), deploymentId: formData.get("deploymentId") }, async (d) => {
    const result = await rollbackTo(await actionCtx(), d.deploymentId);
    revalidatePath(path(d));
    return result;
  });
}

export async function scaleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = appKeySchema.extend({ replicas: z.coerce.number({ message: "validation.applications.replicas" }).int("validation.applications.replicas").min(0, "validation.applications.replicasMin").max(1000, "validation.applications.replicasMax") });
  return runAction(schema, { ...key(formData), replicas: formData.get("replicas") }, async (d) => {
    await scaleApplication(await actionCtx(), d, d.replicas);
    revalidatePath(path(d));
    return undefined;
  }, { replicas: String(formData.get("replicas") ?? "") });
}

export async function restartAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(appKeySchema, key(formData), async (k) => {
    await restartApplication(await actionCtx(), k);
    revalidatePath(path(k));
    return undefined;
  });
}

export async function deletePodAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(appKeySchema.extend({ pod: name }), { ...key(formData), pod: formData.get("pod") }, async (d) => {
    await deleteAppPod(await actionCtx(), d, d.pod);
    revalidatePath(path(d));
    return undefined;
  });
}

export async function deleteClaimAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = appKeySchema.extend({ claim: name, confirmation: z.string().max(253) });
  return runAction(schema, { ...key(formData), claim: formData.get("claim"), confirmation: formData.get("confirmation") ?? "" }, async (d) => {
    await deleteLeftoverClaim(await actionCtx(), d, d.claim, d.confirmation);
    revalidatePath(path(d));
    return undefined;
  });
}
