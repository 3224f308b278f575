import { useTranslations } from "next-intl";
import type { Ref } from "react";
import type { YamlLines } from "@/lib/manifests/yaml-locate";
import type { PreviewError } from "./preview";

// The YAML pane's markup, rendered twice: by the page on the server (the first view, no script:
// the wizard scrolls to an object for its data-jump buttons) and by the live pane (yaml-pane.tsx),
// which the wizard loads and puts in its place once the spec changes, a field is focused or the
// step changes.

/** `kind name` of each document, for the jump links. */
export function documents(yaml: string): { kind: string; name: string; text: string }[] {
  return yaml.split(/^---\n/m).map((text) => ({
    kind: /^kind: (.+)$/m.exec(text)?.[1] ?? "",
    name: /^metadata:\n(?:\s+.*\n)*?\s{2}name: (.+)$/m.exec(text)?.[1] ?? "",
    text,
  }));
}

/** `focus`: the lines of the field being edited (highlighted); `error`: why the YAML is the last good one. */
export function YamlPaneView({ yaml, error, focus = null, preRef, onJump }: {
  yaml: string; error?: PreviewError; focus?: YamlLines | null; preRef?: Ref<HTMLPreElement>; onJump?: (doc: number) => void;
}) {
  const t = useTranslations("wizard.yaml");
  const docs = documents(yaml);
  let line = 0;
  return (
    <section aria-label={t("live")} className="card flex max-h-[calc(100vh-7rem)] flex-col overflow-hidden">
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <h2 className="text-sm font-semibold">{t("whatWillBeCreated")}</h2>
        <span className="text-xs text-slate-500">kubectl apply -f</span>
      </div>
      {error ? (
        <p role="status" className="bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
          {t("showingLast", { error: "fields" in error ? t("needFixing", { count: error.fields }) : error.render })}
        </p>
      ) : null}
      <nav aria-label={t("objects")} className="flex flex-wrap gap-1 border-b border-slate-200 px-3 py-1.5">
        {docs.map((d, i) => (
          <button key={`${d.kind}-${d.name}-${i}`} type="button" data-jump={i} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-200" onClick={onJump && (() => onJump(i))}>
            {`${d.kind} ${d.name}`}
          </button>
        ))}
      </nav>
      <pre ref={preRef} data-testid="yaml-preview" tabIndex={0} aria-label={t("rendered")} className="relative flex-1 overflow-auto bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100">
        {docs.map((d, i) => {
          const rows = d.text.split("\n");
          return (
            <span key={i} data-doc={i} className="block">
              {i > 0 ? "---\n" : ""}
              {rows.map((text, j) => {
                const n = line++;
                const on = focus !== null && n >= focus.from && n <= focus.to;
                return (
                  <span key={j} className={on ? "-mx-3 block bg-amber-400/25 px-3" : undefined} data-testid={on ? "yaml-focus" : undefined} {...(on && n === focus.from ? { "data-focus-start": "" } : {})}>
                    {text}
                    {j < rows.length - 1 ? "\n" : ""}
                  </span>
                );
              })}
            </span>
          );
        })}
      </pre>
    </section>
  );
}
