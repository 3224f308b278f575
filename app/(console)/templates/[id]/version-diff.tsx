import { useTranslations } from "next-intl";
import type { VersionComparison } from "@/lib/server/templates-io";

// Two versions side by side: the changed fields, then the rendered YAML as a line diff (field
// paths, values and the diff text stay as they are: only the framing is translated).
function show(v: unknown): string {
  if (v === undefined) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function VersionDiff({ diff }: { diff: VersionComparison }) {
  const t = useTranslations("template.diff");
  const changes = [...diff.changes, ...diff.parameterChanges];
  return (
    <div className="space-y-3" data-testid="version-diff">
      {changes.length === 0 ? (
        <p className="text-sm text-slate-600">{t("same", { from: diff.from, to: diff.to })}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="data-table">
            <caption className="sr-only">{t("caption", { from: diff.from, to: diff.to })}</caption>
            <thead>
              <tr>
                <th>{t("field")}</th>
                <th>{t("version", { version: diff.from })}</th>
                <th>{t("version", { version: diff.to })}</th>
              </tr>
            </thead>
            <tbody>
              {changes.slice(0, 200).map((c) => (
                <tr key={c.path}>
                  <td className="font-mono text-xs">{c.path}</td>
                  <td className="font-mono text-xs break-all text-red-800">{show(c.before)}</td>
                  <td className="font-mono text-xs break-all text-green-800">{show(c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details open>
        <summary className="cursor-pointer text-sm font-medium">{t("yaml")}</summary>
        <pre className="mt-2 max-h-[28rem] overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5" data-testid="yaml-diff">
          {diff.yamlDiff.split("\n").map((line, i) => (
            <span key={i} className={`block ${line.startsWith("+") && !line.startsWith("+++") ? "bg-green-900/60 text-green-100" : line.startsWith("-") && !line.startsWith("---") ? "bg-red-900/60 text-red-100" : line.startsWith("@@") ? "text-sky-300" : "text-slate-300"}`}>
              {line || " "}
            </span>
          ))}
        </pre>
      </details>
    </div>
  );
}
