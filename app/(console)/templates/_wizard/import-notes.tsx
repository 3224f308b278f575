"use client";
import { useTranslations } from "next-intl";

/** What the last applied YAML lost or changed on its way into the form (its first ten notes). */
export function ImportNotes({ notes }: { notes: string[] }) {
  const t = useTranslations("wizard");
  return (
    <div role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
      <p className="font-medium">{t("importNotes")}</p>
      <ul className="list-disc pl-5">
        {notes.slice(0, 10).map((n) => <li key={n}>{n}</li>)}
      </ul>
    </div>
  );
}
