import type { Metadata } from "next";
import Link from "next/link";
import { env, oidcEnabled } from "@/lib/server/env";
import { describeInvitation } from "@/lib/server/invitations";
import { isFreshInstall } from "@/lib/server/users";
import { oidcSignInAction } from "../actions";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invitation?: string }> }) {
  const { invitation } = await searchParams;
  const invite = invitation ? await describeInvitation(invitation) : null;
  // A fresh install (the sign-in page sends its first visitor here): nobody could sign in yet.
  const first = !invite && (await isFreshInstall());
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">{first ? "Create the first account" : "Create an account"}</h1>
      {first ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="first-account">
          Nobody has an account on this Berth yet. The first account becomes the owner of a new team; invite the others from the Team page.
        </p>
      ) : null}
      {invite ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
          You will join <strong>{invite.teamName}</strong> as {invite.role}.
        </p>
      ) : null}
      <SignUpForm invitation={invitation ?? ""} email={invite?.email ?? ""} />
      {first && oidcEnabled() ? (
        <form action={oidcSignInAction} className="border-t border-slate-200 pt-4">
          <input type="hidden" name="next" value="" />
          <button type="submit" className="btn-secondary w-full">
            Continue with {env().BERTH_OIDC_NAME}
          </button>
        </form>
      ) : null}
      {first ? null : (
        <p className="text-sm text-slate-600">
          Already have an account?{" "}
          <Link className="font-medium text-brand-600 hover:underline" href={invitation ? `/login?next=/invite/${invitation}` : "/login"}>
            Sign in
          </Link>
        </p>
      )}
    </div>
  );
}
