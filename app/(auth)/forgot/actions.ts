"use server";
import { echoValues, runAction, type ActionState } from "@/lib/server/action";
import { requestPasswordReset } from "@/lib/server/password-reset";
import { requestContext } from "@/lib/server/request-context";
import { forgotPasswordSchema } from "@/lib/validation/account";

// ok: the form says "if an account uses that address, we sent it a link" (auth.forgot.sent).
export async function forgotPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(forgotPasswordSchema, { email: formData.get("email") }, async ({ email }) => {
    await requestPasswordReset(email, await requestContext());
    return undefined;
  }, echoValues(formData));
}
