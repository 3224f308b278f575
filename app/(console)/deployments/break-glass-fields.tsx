"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldError } from "@/app/_components/form";

// Owners only: deploy to a protected target through a freeze or without approvals. The reason is
// mandatory; the deploy is flagged on its record, in the audit trail and sent to the team's webhooks.
export function BreakGlassFields({ error }: { error?: string }) {
  const t = useTranslations("breakGlass");
  const [on, setOn] = useState(false);
  return (
    <div className="w-full rounded-md border border-red-200 bg-red-50 p-2 text-sm">
      <label className="flex items-center gap-2 font-medium text-red-800">
        <input type="checkbox" name="breakGlass" checked={on} onChange={(e) => setOn(e.target.checked)} /> {t("label")}
      </label>
      {on ? (
        <div className="mt-2">
          <label htmlFor="f-breakGlassReason" className="label">{t("why")}</label>
          <input id="f-breakGlassReason" name="breakGlassReason" className="input" minLength={10} maxLength={500} aria-invalid={error ? true : undefined} aria-describedby={error ? "f-breakGlassReason-error" : undefined} />
          <FieldError id="f-breakGlassReason-error" message={error} />
        </div>
      ) : null}
    </div>
  );
}
