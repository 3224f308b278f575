"use server";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/server/action";
import { resetPassword } from "@/lib/server/password-reset";
import { requestContext } from "@/lib/server/request-context";
import { resetPasswordSchema } from "@/lib/validation/account";

export async function resetPasswordAction(_prev: ActionState<{ email: string }>, formData: FormData): Promise<ActionState<{ email: string }>> {
  const input = { token: formData.get("token"), password: formData.get("password") };
  const result = await runAction(resetPasswordSchema, input, async ({ token, password }) => resetPassword(token, password, await requestContext()));
  if (!result?.ok) return result;
  redirect("/login?reset=1");
}
