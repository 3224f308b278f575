"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { echoValues, localizedFailure, runAction, type ActionState } from "@/lib/server/action";
import { signIn } from "@/lib/server/auth";
import { setMyLocale } from "@/lib/server/account-language";
import { createApiToken, revokeApiToken } from "@/lib/server/api-tokens";
import { forbidden } from "@/lib/server/errors";
import { currentUser } from "@/lib/server/session";
import { makeLinkIntent, SSO_COOKIE_OPTIONS, SSO_LINK_COOKIE } from "@/lib/server/sso-link";
import { idSchema } from "@/lib/validation/account";
import { createApiTokenSchema } from "@/lib/validation/api-tokens";

export type CreatedToken = { secret: string; name: string; expiresAt: string };

/** "Connect single sign-on": the identity that comes back from the provider is connected to this account. */
export async function connectSsoAction(): Promise<void> {
  const user = await currentUser();
  if (!user) redirect("/login?next=/account");
  (await cookies()).set(SSO_LINK_COOKIE, makeLinkIntent(user.id), SSO_COOKIE_OPTIONS);
  await signIn("oidc", { redirectTo: "/account?connected=1" });
}

/** The account menu's language choice: saved on the user (audited), every page re-rendered in it. */
export async function setLanguageAction(formData: FormData): Promise<void> {
  const user = await currentUser();
  if (!user) redirect("/login");
  try {
    await setMyLocale(user.id, String(formData.get("locale") ?? "").slice(0, 16));
  } catch (error) {
    // Nothing changes and the menu keeps showing the saved language, as the select did before the
    // form; an unexpected error is still logged with its reference (localizedFailure).
    await localizedFailure(error);
    return;
  }
  revalidatePath("/", "layout");
}

export async function createApiTokenAction(_prev: ActionState<CreatedToken>, formData: FormData): Promise<ActionState<CreatedToken>> {
  const input = { name: formData.get("name"), teamId: formData.get("teamId"), role: formData.get("role"), expiresInDays: formData.get("expiresInDays") || undefined };
  return runAction(createApiTokenSchema, input, async (data) => {
    const user = await currentUser();
    if (!user) throw forbidden({ key: "errors.sessionEnded" });
    const { token, secret } = await createApiToken({ userId: user.id }, data);
    revalidatePath("/account");
    return { secret, name: token.name, expiresAt: token.expiresAt.toISOString() };
  }, echoValues(formData));
}

export async function revokeApiTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(idSchema, { id: formData.get("id") }, async ({ id }) => {
    const user = await currentUser();
    if (!user) throw forbidden({ key: "errors.sessionEnded" });
    await revokeApiToken({ userId: user.id }, id);
    revalidatePath("/account");
    return undefined;
  });
}
