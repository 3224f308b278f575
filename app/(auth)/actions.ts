"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { echoValues, runAction, type ActionState } from "@/lib/server/action";
import { signIn, signOut } from "@/lib/server/auth";
import { requestContext } from "@/lib/server/request-context";
import { requestTranslator } from "@/lib/server/translate";
import { msg } from "@/lib/i18n/message";
import { SSO_COOKIE_OPTIONS, SSO_INVITATION_COOKIE } from "@/lib/server/sso-link";
import { signUp } from "@/lib/server/users";
import { safeNextPath as safeNext, signInSchema, signUpSchema } from "@/lib/validation/account";

async function signInMessage(error: CredentialsSignin): Promise<string> {
  const text = await requestTranslator();
  const limited = /^rate_limited:(\d{1,4})$/.exec(error.code);
  if (limited) return text(msg("serverErrors.auth.signInRateLimited", { minutes: Number(limited[1]) }));
  return text(msg("serverErrors.auth.wrongPassword"));
}

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = echoValues(formData);
  const input = { email: formData.get("email"), password: formData.get("password") };
  const result = await runAction(signInSchema, input, async () => undefined, values);
  if (!result?.ok) return result;
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeNext(formData.get("next")) });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const message = await signInMessage(error);
      return { ok: false, message, fieldErrors: { password: [message] }, values };
    }
    if (error instanceof AuthError) return { ok: false, message: (await getTranslations("auth"))("login.failed"), fieldErrors: {}, values };
    throw error; // the redirect after a successful sign-in
  }
  return null;
}

export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = echoValues(formData);
  const input = Object.fromEntries(["name", "email", "password", "invitation"].map((k) => [k, formData.get(k) ?? undefined]));
  const result = await runAction(signUpSchema, input, async (data) => signUp(data, await requestContext()), values);
  if (!result?.ok) return result;
  await signIn("credentials", { email: result.data.email, password: String(input.password), redirectTo: "/templates" });
  return null;
}

export async function oidcSignInAction(formData: FormData) {
  await signIn("oidc", { redirectTo: safeNext(formData.get("next")) });
}

/** Single sign-on from an invitation link: the callback may create the account with it (BERTH_SIGNUP=invite). */
export async function oidcInvitationAction(formData: FormData) {
  const token = String(formData.get("invitation") ?? "").slice(0, 200);
  if (token) (await cookies()).set(SSO_INVITATION_COOKIE, token, SSO_COOKIE_OPTIONS);
  await signIn("oidc", { redirectTo: "/templates" });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
  redirect("/login");
}
