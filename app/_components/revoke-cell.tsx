"use client";
import { useTranslations } from "next-intl";
import { SubmitButton } from "./form";

// The last cell of a row that can be revoked (an invitation, an API token): the button while it
// still works, and the refusal if revoking failed.
export function RevokeCell({ id, action, state, revocable }: { id: string; action: (formData: FormData) => void; state: { ok: boolean; message?: string } | null; revocable: boolean }) {
  const t = useTranslations("common");
  return (
    <td className="text-right">
      {revocable ? (
        <form action={action}>
          <input type="hidden" name="id" value={id} />
          <SubmitButton className="btn-danger">{t("revoke")}</SubmitButton>
        </form>
      ) : null}
      {state && !state.ok ? <p role="alert" className="text-xs text-red-700">{state.message}</p> : null}
    </td>
  );
}
