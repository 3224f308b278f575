// A deploy event's summary may carry the diff of what it applied: a unified diff or a one-line
// description (string), or structured changes (anything else, shown as JSON).
const DIFF_KEYS = ["manifestDiff", "diff"] as const;

export function summaryDiff(summary: Record<string, unknown>): unknown | null {
  for (const key of DIFF_KEYS) if (summary[key] !== undefined && summary[key] !== null && summary[key] !== "") return summary[key];
  return null;
}

export function ManifestDiff({ diff }: { diff: unknown }) {
  const text = typeof diff === "string" ? diff : JSON.stringify(diff, null, 2);
  const unified = typeof diff === "string" && /^(---|\+\+\+|@@)/m.test(diff);
  return (
    <pre data-testid="manifest-diff" className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs">
      {unified
        ? text.split("\n").map((line, i) => (
            <span key={i} className={line.startsWith("+") ? "block bg-green-50 text-green-800" : line.startsWith("-") ? "block bg-red-50 text-red-800" : "block"}>
              {line || " "}
            </span>
          ))
        : text}
    </pre>
  );
}
