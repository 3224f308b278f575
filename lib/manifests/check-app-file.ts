import type { Msg } from "@/lib/i18n/message";
import type { IgnoredObject } from "./import/classify-objects";
import { importMsg, keyed } from "./import/import-context";
import type { ImportWarning } from "./import/import-context";
import { importYaml } from "./import/import-yaml";
import type { AppSpec } from "./model/app-spec";
import { readTemplateFile, templateContentIssues, type TemplateFile } from "./template-file";
import { validateAppSpec } from "./validate/validate-app-spec";

/** One finding, placed where the file wrote it when that is known (`formatImportIssue` prints it). */
export type FileIssue = { message: string; msg?: Msg; path?: string; line?: number; column?: number };

export type CheckedAppFile =
  | { ok: true; kind: "template"; file: TemplateFile; warnings: FileIssue[] }
  | { ok: true; kind: "objects"; spec: AppSpec; warnings: FileIssue[]; ignored: IgnoredObject[] }
  | { ok: false; kind: "template" | "objects"; errors: FileIssue[]; warnings: FileIssue[] };

/**
 * Checks a file as the console would take it: a `kind: BerthTemplate` file as a template save
 * checks it (definitions, references, the spec at the parameters' defaults), anything else as the
 * importer reads Kubernetes YAML, with the app's rule violations (warnings in the editor, errors
 * once it is saved or deployed) as errors. Messages are the console's; each names its line.
 */
export function checkAppFile(text: string): CheckedAppFile {
  const read = readTemplateFile(text);
  if (read && !read.ok) return { ok: false, kind: "template", errors: read.errors, warnings: [] };
  if (read) {
    const issues = templateContentIssues(read.file.spec, read.file.parameters);
    if (!issues.length) return { ok: true, kind: "template", file: read.file, warnings: [] };
    return { ok: false, kind: "template", errors: issues.map(({ path, message, msg }) => ({ message, ...(msg ? { msg } : {}), path, ...read.locate(path) })), warnings: [] };
  }
  const imported = importYaml(text);
  if (!imported.ok) return { ok: false, kind: "objects", errors: imported.errors, warnings: [] };
  const ignored = imported.ignored.map((i) => keyed(importMsg("objects.notImported", { kind: i.kind, name: i.name, reason: i.msg })));
  const checked = validateAppSpec(imported.spec);
  if (checked.ok) return { ok: true, kind: "objects", spec: checked.spec, warnings: [...imported.warnings, ...ignored], ignored: imported.ignored };
  // The importer already reported each rule violation as a warning, placed in the file.
  const isError = (w: ImportWarning) => checked.issues.some((i) => i.path === w.path && i.message === w.message);
  const placed = imported.warnings.filter(isError);
  const unplaced = checked.issues.filter((i) => !placed.some((w) => w.path === i.path && w.message === i.message));
  return { ok: false, kind: "objects", errors: [...placed, ...unplaced], warnings: [...imported.warnings.filter((w) => !isError(w)), ...ignored] };
}
