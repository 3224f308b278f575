"use client";
import CodeMirror from "@uiw/react-codemirror";
import { yaml } from "@codemirror/lang-yaml";
import { useTranslations } from "next-intl";

const extensions = [yaml()];

/** CodeMirror 6 with YAML highlighting (bundled; no CDN). */
export default function YamlEditor({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const t = useTranslations("wizard.yaml");
  return (
    <div data-testid="yaml-editor" className="overflow-hidden rounded-md border border-slate-300">
      <CodeMirror value={value} height="65vh" extensions={extensions} onChange={onChange} aria-label={t("editor")} basicSetup={{ foldGutter: true, highlightActiveLine: true }} />
    </div>
  );
}
