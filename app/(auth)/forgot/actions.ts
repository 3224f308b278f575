"use server";
import { echoValues, runAction, type ActionState } from "@/lib/server/action";
import { requestPasswordReset, RESET_REQUESTED_MSG } from "@/lib/server/password-reset";
import { requestContext } from "@/lib/server/request-context";
import { requestTranslator } from "@/lib/server/translate";
import { forgotPasswordSchema } from "@/lib/validation/account";

export async function forgotPasswordAction(_prev: ActionState<string>, formData: FormData): Promise<ActionState<string>> {
  return runAction(forgotPasswordSchema, { email: formData.get("email") }, async ({ email }) => {
    await requestPasswordReset(email, await requestContext());
    // the same reply whether or not the address has an account
    return (await requestTranslator())(RESET_REQUESTED_MSG);
  }, echoValues(formData));
}
