"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { SubmitButton } from "@/app/_components/form";
import { archiveAction, duplicateAction, restoreVersionAction, shareAction } from "./actions";

// The detail page's buttons: each a small form posting to one server action.
function Failure({ state }: { state: { ok: boolean; message?: string } | null }) {
  return state && !state.ok ? (
    <p role="alert" className="mt-1 text-xs text-red-700">
      {state.message}
    </p>
  ) : null;
}

export function DuplicateButton({ templateId }: { templateId: string }) {
  const t = useTranslations("template.controls");
  const [state, action] = useActionState(duplicateAction, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/templates/${state.data.id}`);
  }, [state, router]);
  return (
    <form action={action}>
      <input type="hidden" name="templateId" value={templateId} />
      <SubmitButton className="btn-secondary">{t("duplicate")}</SubmitButton>
      <Failure state={state} />
    </form>
  );
}

export function ArchiveButton({ templateId, archived }: { templateId: string; archived: boolean }) {
  const t = useTranslations("template.controls");
  const [state, action] = useActionState(archiveAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="templateId" value={templateId} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      <SubmitButton className={archived ? "btn-secondary" : "btn-danger"}>{t(archived ? "unarchive" : "archive")}</SubmitButton>
      <Failure state={state} />
    </form>
  );
}

export function VisibilityForm({ templateId, visibility }: { templateId: string; visibility: "private" | "team" }) {
  const t = useTranslations("template.controls");
  const [state, action] = useActionState(shareAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="templateId" value={templateId} />
      <label htmlFor="visibility" className="text-sm text-slate-700">
        {t("visibility")}
      </label>
      <select id="visibility" name="visibility" defaultValue={visibility} className="input w-auto py-1">
        <option value="private">{t("private")}</option>
        <option value="team">{t("team")}</option>
      </select>
      <SubmitButton className="btn-secondary">{t("apply")}</SubmitButton>
      <Failure state={state} />
    </form>
  );
}

export function RestoreButton({ templateId, version, baseVersion }: { templateId: string; version: number; baseVersion: number }) {
  const t = useTranslations("template.controls");
  const [state, action] = useActionState(restoreVersionAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="templateId" value={templateId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="baseVersion" value={baseVersion} />
      <SubmitButton className="btn-secondary px-2 py-1 text-xs">{t("restore", { version })}</SubmitButton>
      <Failure state={state} />
    </form>
  );
}
