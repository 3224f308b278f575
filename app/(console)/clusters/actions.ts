"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { echoValues, runAction, type ActionState } from "@/lib/server/action";
import { registerCluster, removeCluster } from "@/lib/server/clusters";
import { removeCredential, setCredential, testMyCredential, type CredentialResult } from "@/lib/server/clusters-credentials";
import { idField, registerClusterSchema, setCredentialSchema } from "@/lib/server/clusters-input";
import type { ConnectionReport } from "@/lib/server/k8s/connection-test";
import { actionCtx } from "@/lib/server/session";
import { protectionInputSchema } from "@/lib/approvals/policy-input";
import { removeProtection, setProtection } from "@/lib/server/protection";

const idSchema = z.object({ clusterId: idField });

export async function registerClusterAction(_prev: ActionState<string>, formData: FormData): Promise<ActionState<string>> {
  const input = { name: formData.get("name"), description: formData.get("description") ?? "", profile: formData.get("profile") ?? "generic" };
  return runAction(registerClusterSchema, input, async (data) => {
    const id = await registerCluster(await actionCtx(), data);
    revalidatePath("/clusters");
    return id;
  }, echoValues(formData));
}

export async function setCredentialAction(_prev: ActionState<CredentialResult>, formData: FormData): Promise<ActionState<CredentialResult>> {
  const input = { clusterId: formData.get("clusterId"), kubeconfig: formData.get("kubeconfig") ?? "", context: formData.get("context") ?? "", namespace: formData.get("namespace") ?? "" };
  return runAction(setCredentialSchema, input, async (data) => {
    const result = await setCredential(await actionCtx(), data);
    revalidatePath("/clusters");
    return result;
  }, echoValues(formData));
}

export async function testCredentialAction(_prev: ActionState<ConnectionReport>, formData: FormData): Promise<ActionState<ConnectionReport>> {
  return runAction(idSchema, { clusterId: formData.get("clusterId") }, async ({ clusterId }) => {
    const report = await testMyCredential(await actionCtx(), clusterId);
    revalidatePath("/clusters");
    return report;
  });
}

export async function removeCredentialAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(idSchema, { clusterId: formData.get("clusterId") }, async ({ clusterId }) => {
    await removeCredential(await actionCtx(), clusterId);
    revalidatePath("/clusters");
    return undefined;
  });
}

export async function removeClusterAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(idSchema, { clusterId: formData.get("clusterId") }, async ({ clusterId }) => {
    await removeCluster(await actionCtx(), clusterId);
    revalidatePath("/clusters");
    return undefined;
  });
}

export async function setProtectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const input = {
    clusterId: formData.get("clusterId"),
    namespaces: formData.get("namespaces") ?? "",
    approvalsRequired: formData.get("approvalsRequired"),
    approvers: formData.get("approvers"),
    approverIds: formData.getAll("approverIds"),
    freezeWindows: formData.get("freezeWindows") ?? "",
    expiryHours: formData.get("expiryHours") ?? "24",
  };
  return runAction(protectionInputSchema, input, async (data) => {
    await setProtection(await actionCtx(), data);
    revalidatePath("/clusters");
    return undefined;
  }, echoValues(formData));
}

export async function removeProtectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(idSchema, { clusterId: formData.get("clusterId") }, async ({ clusterId }) => {
    await removeProtection(await actionCtx(), clusterId);
    revalidatePath("/clusters");
    return undefined;
  });
}
