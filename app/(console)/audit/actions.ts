"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/server/action";
import { verifyTeamChain, type VerifyResult } from "@/lib/server/audit-verify";
import { actionCtx } from "@/lib/server/session";

export async function verifyChainAction(_prev: ActionState<VerifyResult>, _formData: FormData): Promise<ActionState<VerifyResult>> {
  return runAction(z.object({}), {}, async () => {
    const result = await verifyTeamChain(await actionCtx());
    revalidatePath("/audit");
    return result;
  });
}
