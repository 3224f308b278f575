"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { STEPS, stepOf } from "./steps";
import { fieldId } from "./types";

export type SummaryItem = { path: string; message: string };

/** Takes the user (and focus) to the field at `path`, after `showStep` opened its step. */
function goToField(path: string, showStep: (step: number) => void) {
  showStep(stepOf(path));
  setTimeout(() => {
    const el = document.getElementById(fieldId(path)) ?? document.querySelector<HTMLElement>(`[id^="${fieldId(path)}"]`);
    el?.scrollIntoView({ block: "center" });
    el?.focus();
  }, 50);
}

/** "Fix these first": every error with a link that takes the user (and focus) to the field. */
export function ErrorSummary({ items, message, showStep }: { items: SummaryItem[]; message?: string; showStep: (step: number) => void }) {
  const t = useTranslations("wizard");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length || message) ref.current?.focus();
  }, [items, message]);
  if (!items.length && !message) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="error-summary">
      <h2 id="error-summary-title" className="font-semibold">
        {message ?? t("summary.fixFirst", { count: items.length })}
      </h2>
      {items.length ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {items.slice(0, 20).map((it) => (
            <li key={it.path}>
              <a
                href={`#${fieldId(it.path)}`}
                className="underline"
                onClick={(e) => {
                  e.preventDefault();
                  goToField(it.path, showStep);
                }}
              >
                {describePath(it.path, (s) => t("summary.stepPrefix", { n: s + 1, title: t(`steps.${STEPS[s].id}`) }))}
              </a>
              : {it.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A field path as the user can find it: the step, then the path (field paths stay as written). */
function describePath(path: string, stepLabel: (step: number) => string): string {
  const step = path.startsWith("spec") ? `${stepLabel(stepOf(path))} › ` : "";
  return step + path.replace(/^spec\.|^meta\./, "").replace(/\.(\d+)\./g, (_, n) => ` ${Number(n) + 1} › `).replace(/\./g, " › ");
}
