import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { FormMessage } from "@/app/_components/form";
import { SsoButton } from "@/app/_components/sso-button";
import { SSO_REFUSALS } from "@/lib/server/auth";
import { env, oidcEnabled } from "@/lib/server/env";
import { currentUser } from "@/lib/server/session";
import { isFreshInstall } from "@/lib/server/users";
import { safeNextPath } from "@/lib/validation/account";
import { oidcSignInAction } from "../actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const OIDC_ERRORS: Record<string, string> = {
  ...SSO_REFUSALS,
  Configuration: "Single sign-on is not working right now. Ask your administrator.",
  AccessDenied: "Your identity provider refused the sign-in.",
  OAuthCallbackError: "Single sign-on did not complete. Try again.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string; reset?: string }> }) {
  const { next, error, reset } = await searchParams;
  if (await currentUser()) redirect(safeNextPath(next));
  // Nobody can sign in on a fresh install: the first visitor creates the first account.
  if (!error && (await isFreshInstall())) redirect("/signup");
  const e = env();
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Sign in</h1>
      {error && Object.hasOwn(OIDC_ERRORS, error) ? <FormMessage state={{ ok: false, message: OIDC_ERRORS[error] }} /> : null}
      {reset ? <FormMessage state={{ ok: true, message: "Your password was changed. Sign in with the new one." }} /> : null}
      {e.BERTH_PASSWORD_SIGNIN ? (
        <>
          <SignInForm next={next ?? ""} />
          <p className="text-right text-sm">
            <Link className="text-brand-600 hover:underline" href="/forgot">
              Forgot password?
            </Link>
          </p>
        </>
      ) : null}
      {oidcEnabled() ? (
        <div className={e.BERTH_PASSWORD_SIGNIN ? "border-t border-slate-200 pt-4" : ""}>
          <SsoButton action={oidcSignInAction} label={`Continue with ${e.BERTH_OIDC_NAME}`} hidden={{ next: next ?? "" }} />
        </div>
      ) : null}
      <p className="text-sm text-slate-600">
        New here?{" "}
        <Link className="font-medium text-brand-600 hover:underline" href={`/signup${next ? `?next=${encodeURIComponent(next)}` : ""}`}>
          Create an account
        </Link>
      </p>
    </div>
  );
}
