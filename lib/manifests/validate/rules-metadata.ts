import { checkLabelValue, checkQualifiedName, LIMITS } from "./k8s-names";
import { field, rule, type IssueList, type IssuePath } from "./issue-list";

/** Label keys and values as the API server checks them, one issue per entry. */
export function checkLabels(list: IssueList, labels: Record<string, string>, path: IssuePath): void {
  for (const [key, value] of Object.entries(labels)) {
    list.check([...path, key], checkQualifiedName(key), field("labelKey"));
    list.check([...path, key], checkLabelValue(value), field("labelValue"));
  }
}

/** Annotation keys are qualified names; all keys + values together ≤ 256 KiB. */
export function checkAnnotations(list: IssueList, annotations: Record<string, string>, path: IssuePath): void {
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    list.check([...path, key], checkQualifiedName(key), field("annotationKey"));
    total += utf8Length(key) + utf8Length(value);
  }
  if (total > LIMITS.annotationsTotal) list.add(path, rule("annotationsTotal", { kib: Math.ceil(total / 1024) }));
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}

/** Passthrough bags may not repeat a field the form owns: the form would silently win. */
export function checkExtraKeys(list: IssueList, extra: Record<string, unknown> | undefined, owned: readonly string[], path: IssuePath): void {
  if (!extra) return;
  for (const key of owned) {
    if (key in extra) list.add([...path, key], rule("formField", { key }));
  }
}
