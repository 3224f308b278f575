import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { env, oidcEnabled } from "@/lib/server/env";
import { currentUser } from "@/lib/server/session";
import { isFreshInstall } from "@/lib/server/users";
import { safeNextPath } from "@/lib/validation/account";
import { oidcSignInAction } from "../actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const OIDC_ERRORS: Record<string, string> = {
  Configuration: "Single sign-on is not working right now. Ask your administrator.",
  AccessDenied: "Your identity provider refused the sign-in.",
  OAuthCallbackError: "Single sign-on did not complete. Try again.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  if (await currentUser()) redirect(safeNextPath(next));
  // Nobody can sign in on a fresh install: the first visitor creates the first account.
  if (!error && (await isFreshInstall())) redirect("/signup");
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Sign in</h1>
      {error && OIDC_ERRORS[error] ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {OIDC_ERRORS[error]}
        </p>
      ) : null}
      <SignInForm next={next ?? ""} />
      {oidcEnabled() ? (
        <form action={oidcSignInAction} className="border-t border-slate-200 pt-4">
          <input type="hidden" name="next" value={next ?? ""} />
          <button type="submit" className="btn-secondary w-full">
            Continue with {env().BERTH_OIDC_NAME}
          </button>
        </form>
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
