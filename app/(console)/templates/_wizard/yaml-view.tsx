"use client";
import { useTranslations } from "next-intl";
import YamlEditor from "./yaml-editor";

/**
 * The wizard's YAML mode: the app as one editable manifest (CodeMirror), the reasons the last
 * applied text could not be read, apply / discard. Loaded (with CodeMirror) when the mode opens.
 */
export function YamlView({ text, errors, onChange, onApply, onDiscard }: {
  text: string; errors: string[]; onChange: (text: string) => void; onApply: () => void; onDiscard: () => void;
}) {
  const t = useTranslations("wizard");
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">{t("yamlHelp")}</p>
      {errors.length ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="yaml-errors">
          <p className="font-semibold">{t("yamlUnreadable")}</p>
          <ul className="list-disc pl-5">{errors.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      ) : null}
      <YamlEditor value={text} onChange={onChange} />
      <div className="flex gap-2">
        <button type="button" className="btn-primary" onClick={onApply}>
          {t("applyYaml")}
        </button>
        <button type="button" className="btn-secondary" onClick={onDiscard}>
          {t("discardYaml")}
        </button>
      </div>
    </div>
  );
}
