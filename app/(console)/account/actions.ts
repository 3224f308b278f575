"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/server/auth";
import { currentUser } from "@/lib/server/session";
import { makeLinkIntent, SSO_COOKIE_OPTIONS, SSO_LINK_COOKIE } from "@/lib/server/sso-link";

/** "Connect single sign-on": the identity that comes back from the provider is connected to this account. */
export async function connectSsoAction(): Promise<void> {
  const user = await currentUser();
  if (!user) redirect("/login?next=/account");
  (await cookies()).set(SSO_LINK_COOKIE, makeLinkIntent(user.id), SSO_COOKIE_OPTIONS);
  await signIn("oidc", { redirectTo: "/account?connected=1" });
}
