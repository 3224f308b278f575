"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { formatDateTime } from "@/lib/i18n/format";
import { verifyChainAction } from "./actions";

/** Owners/admins: walk the team's hash chain and say whether it is intact, or where it breaks. */
export function VerifyChain() {
  const t = useTranslations("audit.verify");
  const locale = useLocale();
  const [state, action] = useActionState(verifyChainAction, null);
  const result = state?.ok ? state.data : null;
  const bad = result?.firstBad;
  return (
    <div className="flex flex-col items-end gap-2">
      <form action={action}>
        <SubmitButton className="btn-secondary" pendingText={t("verifying")}>
          {t("button")}
        </SubmitButton>
      </form>
      {result?.ok ? (
        <p role="status" data-testid="verify-result" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("ok", { checked: result.checked })}{" "}
          <span data-testid="verify-scope">{t.rich("scope", { code: (chunks) => <code>{chunks}</code> })}</span>
        </p>
      ) : bad ? (
        <p role="alert" data-testid="verify-result" className="max-w-md rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t.rich("broken", {
            id: bad.id,
            action: bad.action,
            time: formatDateTime(locale, new Date(bad.createdAt)),
            reason: bad.reason,
            checked: result.checked,
            link: (chunks) => (
              <Link className="font-medium underline" href={`/audit/${bad.id}`}>
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <FormMessage state={state} />
      )}
    </div>
  );
}
