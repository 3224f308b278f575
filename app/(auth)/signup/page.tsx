import type { Metadata } from "next";
import Link from "next/link";
import { SsoButton } from "@/app/_components/sso-button";
import { env } from "@/lib/server/env";
import { describeInvitation } from "@/lib/server/invitations";
import { signUpStatus } from "@/lib/server/users";
import { oidcInvitationAction, oidcSignInAction } from "../actions";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invitation?: string }> }) {
  const { invitation } = await searchParams;
  const invite = invitation ? await describeInvitation(invitation) : null;
  const status = await signUpStatus();
  // A fresh install (the sign-in page sends its first visitor here): nobody could sign in yet.
  const first = !invite && status.fresh;
  // Without a usable invitation, where sign-up is by invitation only, say so instead of a form that would be refused.
  const refusal = status.closed ? status.message : status.needsInvitation && invite?.state !== "pending" ? status.message : "";
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
      {refusal ? (
        <p data-testid="signup-policy" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
          {refusal}
        </p>
      ) : (
        <>
          {status.password ? <SignUpForm invitation={invitation ?? ""} email={invite?.email ?? ""} /> : null}
          {status.sso && (invitation || first) ? (
            <div className={status.password ? "border-t border-slate-200 pt-4" : ""}>
              {invitation ? (
                <SsoButton action={oidcInvitationAction} label={`Continue with ${env().BERTH_OIDC_NAME}`} hidden={{ invitation }} />
              ) : (
                <SsoButton action={oidcSignInAction} label={`Continue with ${env().BERTH_OIDC_NAME}`} hidden={{ next: "" }} />
              )}
            </div>
          ) : null}
          {!status.password && !invitation && !first ? (
            <p className="text-sm text-slate-600">Accounts here are made by signing in with {env().BERTH_OIDC_NAME}.</p>
          ) : null}
        </>
      )}
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
