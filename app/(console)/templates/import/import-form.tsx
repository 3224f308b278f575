"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importTemplateAction } from "../actions";

const MAX_BYTES = 1024 * 1024;

export function ImportForm() {
  const t = useTranslations("templateImport");
  const router = useRouter();
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [visibility, setVisibility] = useState<"private" | "team">("private");
  const [errors, setErrors] = useState<{ message: string; lines: string[] } | null>(null);
  const [pending, start] = useTransition();

  const tooLarge = (bytes: number) => setErrors({ message: t("tooLarge", { size: Math.round(bytes / 1024), limit: MAX_BYTES / 1024 }), lines: [] });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (text.length > MAX_BYTES) return tooLarge(text.length);
    start(async () => {
      let result;
      try {
        result = await importTemplateAction({ text, name: name || undefined, visibility });
      } catch {
        setErrors({ message: t("refused"), lines: [] });
        return;
      }
      if (result?.ok) router.push(`/templates/${result.data.id}`);
      else if (result) setErrors({ message: result.message, lines: result.fieldErrors.text ?? [] });
    });
  };

  return (
    <form onSubmit={submit} className="card space-y-4 p-4" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="import-name" className="label">
            {t("name")}
          </label>
          <input id="import-name" className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder={t("namePlaceholder")} />
        </div>
        <div>
          <label htmlFor="import-visibility" className="label">
            {t("visibility")}
          </label>
          <select id="import-visibility" className="input" value={visibility} onChange={(e) => setVisibility(e.target.value as "private" | "team")}>
            <option value="private">{t("private")}</option>
            <option value="team">{t("team")}</option>
          </select>
        </div>
      </div>
      <div>
        <label htmlFor="import-file" className="label">
          {t("file")}
        </label>
        <input
          id="import-file"
          type="file"
          accept=".yaml,.yml,text/yaml,application/yaml"
          className="block text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            if (file.size > MAX_BYTES) return tooLarge(file.size);
            setText(await file.text());
            setErrors(null);
          }}
        />
      </div>
      <div>
        <label htmlFor="import-text" className="label">
          {t("paste")}
        </label>
        <textarea
          id="import-text"
          rows={16}
          className="input font-mono text-xs"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? "import-errors" : undefined}
        />
      </div>
      {errors ? (
        <div id="import-errors" role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900">
          <p>{errors.message}</p>
          {errors.lines.length > 1 ? <ul className="mt-1 list-disc pl-5">{errors.lines.map((l) => <li key={l}>{l}</li>)}</ul> : null}
        </div>
      ) : null}
      <button type="submit" className="btn-primary" disabled={pending || !text.trim()} aria-busy={pending}>
        {pending ? t("importing") : t("submit")}
      </button>
    </form>
  );
}
