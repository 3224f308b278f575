// Which lines of the rendered YAML a wizard field makes, so the YAML pane can follow the field
// being edited (scroll to it, highlight it). A close, cheap guess from the form path: the object
// it renders into (Service, Ingress, autoscalers, else the StatefulSet), then the first line of
// that object's YAML with the field's key, and the block under it.
const DOCUMENT: [RegExp, (kind: string, name: string, app: string) => boolean][] = [
  [/^spec\.service\./, (k, n, app) => k === "Service" && n !== `${app}-headless`],
  [/^spec\.ingress\./, (k) => k === "Ingress"],
  [/^spec\.autoscaling\./, (k) => k === "HorizontalPodAutoscaler"],
  [/^spec\.scheduledScaling\./, (k) => k === "CronHorizontalPodAutoscaler"],
];

/** The YAML key a model field is written as, where the two differ. */
const KEY: Record<string, string> = {
  podLabels: "labels",
  podAnnotations: "annotations",
  cpuUtilization: "averageUtilization",
  memoryUtilization: "averageUtilization",
  size: "storage",
  instanceType: "alibabacloud.com/compute-class",
  qos: "alibabacloud.com/compute-qos",
  host: "host",
  jobs: "jobs",
};

export type YamlLines = { from: number; to: number };

/** Lines (0-based, inclusive) of `yaml` (as rendered for app `app`) that the form field `path` makes; null when not found. */
export function yamlLinesFor(yaml: string, path: string, app: string): YamlLines | null {
  if (!path.startsWith("spec.")) return null;
  const lines = yaml.split("\n");
  // Documents: [start line, end line, kind, name].
  const docs: { start: number; end: number; kind: string; name: string }[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || lines[i] === "---") {
      const body = lines.slice(start, i);
      const kind = body.find((l) => l.startsWith("kind: "))?.slice(6).trim() ?? "";
      const nameLine = body.findIndex((l) => l === "metadata:");
      const name = nameLine >= 0 ? (body.slice(nameLine + 1).find((l) => /^ {2}name: /.test(l))?.trim().slice(6) ?? "") : "";
      docs.push({ start, end: i - 1, kind, name });
      start = i + 1;
    }
  }
  const match = DOCUMENT.find(([re]) => re.test(path));
  const doc = docs.find((d) => (match ? match[1](d.kind, d.name, app) : d.kind === "StatefulSet"));
  if (!doc) return null;
  const segments = path.split(".").slice(1);
  if (match) segments.shift(); // "service", "ingress", …: the document already says it
  // Narrow to the list item each index names (the second container, the third port), as far as
  // the YAML has the model's keys; then the deepest key found inside that range.
  let range = { from: doc.start, to: doc.end };
  for (let s = 0; s + 1 < segments.length; s++) {
    if (!/^\d+$/.test(segments[s + 1]) || /^\d+$/.test(segments[s])) continue;
    const item = listItem(lines, range, KEY[segments[s]] ?? segments[s], Number(segments[s + 1]));
    if (!item) break;
    range = item;
  }
  const keys = segments.filter((s) => !/^\d+$/.test(s));
  for (let s = keys.length - 1; s >= 0; s--) {
    const found = keyBlock(lines, range, KEY[keys[s]] ?? keys[s]);
    if (found) return found;
  }
  if (range.from !== doc.start || range.to !== doc.end) return range;
  return { from: doc.start, to: doc.end };
}

function keyPattern(key: string): RegExp {
  return new RegExp(`^(\\s*)(- )?${key.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:`);
}

const indentOf = (line: string) => line.search(/\S/);

/** The first line in `range` with `key`, and the block under it. */
function keyBlock(lines: string[], range: YamlLines, key: string): YamlLines | null {
  const keyRe = keyPattern(key);
  for (let i = range.from; i <= range.to; i++) {
    const m = keyRe.exec(lines[i]);
    if (!m) continue;
    const indent = m[1].length + (m[2] ? 2 : 0);
    let to = i;
    while (to + 1 <= range.to && (lines[to + 1].trim() === "" || indentOf(lines[to + 1]) > indent || (indentOf(lines[to + 1]) === indent && lines[to + 1].trimStart().startsWith("- ") && !m[2]))) to++;
    return { from: i, to };
  }
  return null;
}

/** The lines of item `index` of the list under `key` in `range` (null: no such list or item). */
function listItem(lines: string[], range: YamlLines, key: string, index: number): YamlLines | null {
  const block = keyBlock(lines, range, key);
  if (!block || block.to === block.from) return null;
  const first = lines[block.from + 1];
  if (!first.trimStart().startsWith("- ")) return null;
  const itemIndent = indentOf(first);
  const starts: number[] = [];
  for (let i = block.from + 1; i <= block.to; i++) if (indentOf(lines[i]) === itemIndent && lines[i].trimStart().startsWith("- ")) starts.push(i);
  if (index >= starts.length) return null;
  return { from: starts[index], to: index + 1 < starts.length ? starts[index + 1] - 1 : block.to };
}
