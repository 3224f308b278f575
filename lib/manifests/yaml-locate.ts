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
  const segments = path.split(".").slice(1).filter((s) => !/^\d+$/.test(s) && !["service", "ingress", "autoscaling", "scheduledScaling"].includes(s));
  // The deepest segment found in the document, looking from the last one back.
  for (let s = segments.length - 1; s >= 0; s--) {
    const key = KEY[segments[s]] ?? segments[s];
    const keyRe = new RegExp(`^(\\s*)(- )?${key.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:`);
    for (let i = doc.start; i <= doc.end; i++) {
      const m = keyRe.exec(lines[i]);
      if (!m) continue;
      const indent = m[1].length + (m[2] ? 2 : 0);
      let to = i;
      while (to + 1 <= doc.end && (lines[to + 1].trim() === "" || lines[to + 1].search(/\S/) > indent || (lines[to + 1].search(/\S/) === indent && lines[to + 1].trimStart().startsWith("- ") && !m[2]))) to++;
      return { from: i, to };
    }
  }
  return { from: doc.start, to: doc.end };
}
