"use client";
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { verifyChainAction } from "./actions";

/** Owners/admins: walk the team's hash chain and say whether it is intact, or where it breaks. */
export function VerifyChain() {
  const [state, action] = useActionState(verifyChainAction, null);
  const result = state?.ok ? state.data : null;
  return (
    <div className="flex flex-col items-end gap-2">
      <form action={action}>
        <SubmitButton className="btn-secondary" pendingText="Verifying…">
          Verify chain
        </SubmitButton>
      </form>
      {result?.ok ? (
        <p role="status" data-testid="verify-result" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Chain OK: {result.checked} events verified, none altered or missing.{" "}
          <span data-testid="verify-scope">
            These are this team’s events. Sign-ins, sign-outs and sign-ups are kept on a separate account chain shared by all teams: they are listed here but not
            counted (the operator verifies every chain with <code>npm run audit:verify</code>).
          </span>
        </p>
      ) : result?.firstBad ? (
        <p role="alert" data-testid="verify-result" className="max-w-md rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          Chain broken at{" "}
          <Link className="font-medium underline" href={`/audit/${result.firstBad.id}`}>
            event {result.firstBad.id}
          </Link>{" "}
          ({result.firstBad.action}, {result.firstBad.createdAt}): {result.firstBad.reason}. The {result.checked} events before it are intact.
        </p>
      ) : (
        <FormMessage state={state} />
      )}
    </div>
  );
}
