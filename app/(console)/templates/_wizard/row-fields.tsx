"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { FieldMessage } from "./fields";
import { bind, useWizardForm } from "./form-hooks";
import { fieldId } from "./types";

// The pieces of repeating rows and checkboxes (steps 2–3 and the save step; fields.tsx has what
// step 1 needs too).

export function CheckField({ path, label, hint }: { path: string; label: string; hint?: ReactNode }) {
  const form = useWizardForm();
  return (
    <div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" id={fieldId(path)} className="h-4 w-4" {...bind(form, path, { checkbox: true })} /> {label}
      </label>
      <FieldMessage path={path} hint={hint} />
    </div>
  );
}

export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  const t = useTranslations("wizard.kv");
  return (
    <button type="button" className="btn-danger px-2 py-1 text-xs" aria-label={label} title={label} onClick={onClick}>
      {t("remove")}
    </button>
  );
}

export function AddButton({ children, onClick }: { children: ReactNode; onClick: () => void }) {
  return (
    <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={onClick}>
      + {children}
    </button>
  );
}

/** A repeating row: its fields wrap at any width; ROW_END holds the row's remove button. */
export const ROW = "flex flex-wrap items-start gap-2 *:min-w-28 *:flex-1";
export const ROW_END = "flex-none! min-w-0! pt-6";
