import Link from "next/link";

export function BackToSignIn() {
  return (
    <p className="text-sm text-slate-600">
      <Link className="font-medium text-brand-600 hover:underline" href="/login">
        Back to sign in
      </Link>
    </p>
  );
}
