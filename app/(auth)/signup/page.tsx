import type { Metadata } from "next";
import Link from "next/link";
import { describeInvitation } from "@/lib/server/invitations";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invitation?: string }> }) {
  const { invitation } = await searchParams;
  const invite = invitation ? await describeInvitation(invitation) : null;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Create an account</h1>
      {invite ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
          You will join <strong>{invite.teamName}</strong> as {invite.role}.
        </p>
      ) : null}
      <SignUpForm invitation={invitation ?? ""} email={invite?.email ?? ""} />
      <p className="text-sm text-slate-600">
        Already have an account?{" "}
        <Link className="font-medium text-brand-600 hover:underline" href={invitation ? `/login?next=/invite/${invitation}` : "/login"}>
          Sign in
        </Link>
      </p>
    </div>
  );
}
