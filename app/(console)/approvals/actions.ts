"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/server/action";
import { idField } from "@/lib/server/clusters-input";
import { approveDeployRequest, rejectDeployRequest, withdrawDeployRequest, type DecisionResult } from "@/lib/server/deploy-requests";
import { actionCtx } from "@/lib/server/session";

const decisionSchema = z.object({
  requestId: idField,
  comment: z.string().trim().max(1000, "Keep the comment under 1000 characters.").default(""),
  digest: z.string().regex(/^[0-9a-f]{64}$/, "Open the request again: the reviewed diff is missing."),
  decision: z.enum(["approve", "reject"]),
});

export async function decideAction(_prev: ActionState<DecisionResult>, formData: FormData): Promise<ActionState<DecisionResult>> {
  const input = { requestId: formData.get("requestId"), comment: formData.get("comment") ?? "", digest: formData.get("digest"), decision: formData.get("decision") };
  return runAction(decisionSchema, input, async ({ decision, ...data }) => {
    const ctx = await actionCtx();
    const result = decision === "approve" ? await approveDeployRequest(ctx, data) : await rejectDeployRequest(ctx, data);
    revalidatePath("/approvals", "layout");
    return result;
  });
}

export async function withdrawAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(z.object({ requestId: idField }), { requestId: formData.get("requestId") }, async ({ requestId }) => {
    await withdrawDeployRequest(await actionCtx(), requestId);
    revalidatePath("/approvals", "layout");
    return undefined;
  });
}
