"use client";
import CodeMirror from "@uiw/react-codemirror";
import { yaml } from "@codemirror/lang-yaml";

const extensions = [yaml()];

/** CodeMirror 6 with YAML highlighting (bundled; no CDN). */
export default function YamlEditor({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <div data-testid="yaml-editor" className="overflow-hidden rounded-md border border-slate-300">
      <CodeMirror value={value} height="65vh" extensions={extensions} onChange={onChange} aria-label="YAML editor" basicSetup={{ foldGutter: true, highlightActiveLine: true }} />
    </div>
  );
}
