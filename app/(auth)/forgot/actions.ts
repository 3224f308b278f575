"use server";
import { echoValues, runAction, type ActionState } from "@/lib/server/action";
import { requestPasswordReset, RESET_REQUESTED } from "@/lib/server/password-reset";
import { requestContext } from "@/lib/server/request-context";
import { forgotPasswordSchema } from "@/lib/validation/account";

export async function forgotPasswordAction(_prev: ActionState<string>, formData: FormData): Promise<ActionState<string>> {
  return runAction(forgotPasswordSchema, { email: formData.get("email") }, async ({ email }) => {
    await requestPasswordReset(email, await requestContext());
    return RESET_REQUESTED;
  }, echoValues(formData));
}
