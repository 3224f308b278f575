"use client";
import { useTranslations } from "next-intl";
import { STEP_IDS } from "./types";

const ALL = [...STEP_IDS, "save"] as const;

/** The steps as a list of buttons; the current one is marked for screen readers. */
export function Stepper({ step, onGo, disabled }: { step: number; onGo: (step: number) => void; disabled?: boolean }) {
  const t = useTranslations("wizard.steps");
  return (
    <nav aria-label={t("nav")}>
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        {ALL.map((id, i) => (
          <li key={id} className="flex items-center gap-1">
            <button
              type="button"
              disabled={disabled}
              aria-current={i === step ? "step" : undefined}
              onClick={() => onGo(i)}
              className={`flex items-center gap-1.5 rounded-full px-3 py-1 ${i === step ? "bg-brand-600 text-white" : i < step ? "bg-brand-100 text-brand-700" : "bg-slate-100 text-slate-600"}`}
            >
              <span aria-hidden className="font-semibold">{i < 3 ? i + 1 : "✓"}</span> {t(id)}
            </button>
            {i < ALL.length - 1 ? <span aria-hidden className="text-slate-400">›</span> : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}
