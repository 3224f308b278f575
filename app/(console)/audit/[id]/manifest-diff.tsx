// A deploy event's summary may carry the diff of what it applied: text (a unified diff, or the
// deploy's "1 to create, 2 to update" line followed by "~ Kind/name path" changes) or structured
// changes (anything else, shown as JSON).
const DIFF_KEYS = ["manifestDiff", "diff"] as const;

export function summaryDiff(summary: Record<string, unknown>): unknown | null {
  for (const key of DIFF_KEYS) if (summary[key] !== undefined && summary[key] !== null && summary[key] !== "") return summary[key];
  return null;
}

const LINE_STYLE: Record<string, string> = {
  "+": "block bg-green-50 text-green-800",
  "-": "block bg-red-50 text-red-800",
  "~": "block bg-amber-50 text-amber-900",
};

export function ManifestDiff({ diff }: { diff: unknown }) {
  return (
    <pre data-testid="manifest-diff" className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs">
      {typeof diff === "string"
        ? diff.split("\n").map((line, i) => (
            <span key={i} className={LINE_STYLE[line[0]] ?? "block"}>
              {line || " "}
            </span>
          ))
        : JSON.stringify(diff, null, 2)}
    </pre>
  );
}
