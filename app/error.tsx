"use client";

import { useErrorTexts } from "@/app/_components/error-texts";
import { DB_UNAVAILABLE_DIGEST } from "@/lib/web/page-errors";

// A page that failed on the server. When the database is away for a moment (the data layer marks
// that error with its digest, lib/server/db-unavailable.ts) the page says so; anything else shows
// the reference Next gives the error (its digest, also in the server's log).

export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useErrorTexts(); // not next-intl: the root layout has no client provider (lib/i18n/client-namespaces.ts)
  const unavailable = error.digest === DB_UNAVAILABLE_DIGEST;
  return (
    <main className="mx-auto max-w-xl p-8" role="alert" data-testid="page-error">
      <h1 className="text-lg font-semibold">{t.pageFailed}</h1>
      <p className="mt-2 text-sm text-gray-700">{unavailable ? t.databaseUnavailable : t.pageFailedDetail.replace("{id}", error.digest ?? "")}</p>
      <button type="button" className="mt-4 rounded border px-3 py-1 text-sm" onClick={() => reset()}>
        {t.tryAgain}
      </button>
    </main>
  );
}
