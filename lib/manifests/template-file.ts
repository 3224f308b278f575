import type { Msg } from "@/lib/i18n/message";
import { importMsg, keyed } from "./import/import-context";
import { LineCounter, parseDocument, stringify } from "yaml";
import type { ImportError } from "./import/parse-documents";
import { IMPORT_LIMITS } from "./import/parse-documents";
import { SourcePositions } from "./import/source-positions";
import type { ParameterDefinition } from "./params/param-schema";
import { resolveParameters } from "./params/resolve-parameters";
import { isObj, ownValue } from "./plain-object";
import { guardInputSize } from "./validate/input-guard";

// A template as a file (`kind: BerthTemplate`): what the console's export writes, its import reads
// back, and the `berth` CLI validates and renders offline. Pure, so the server and the CLI share it.
export const TEMPLATE_FILE = { apiVersion: "berth.dev/v1", kind: "BerthTemplate" } as const;

export type TemplateFile = { name: string; description: string; labels: string[]; spec: Record<string, unknown>; parameters: unknown[] };

/** Where each field of a read file was written, to name the line of a later error. */
export type TemplateFileRead =
  | { ok: true; file: TemplateFile; locate: (path: string) => { line: number; column: number } | undefined }
  | { ok: false; errors: ImportError[] };

/** A `kind: BerthTemplate` document → its parts; null when the text is something else (plain Kubernetes YAML, or not YAML). */
export function readTemplateFile(text: string): TemplateFileRead | null {
  if (text.length > IMPORT_LIMITS.bytes) return null;
  const lineCounter = new LineCounter();
  let value: unknown;
  let positions: SourcePositions;
  try {
    const doc = parseDocument(text, { prettyErrors: false, lineCounter });
    if (doc.errors.length) return null;
    value = doc.toJS({ maxAliasCount: 100 });
    positions = new SourcePositions(text, lineCounter);
    positions.record(doc, value);
  } catch {
    return null;
  }
  if (!isObj(value) || value.kind !== TEMPLATE_FILE.kind) return null;
  const refused = guardInputSize(value);
  if (refused) return { ok: false, errors: [{ ...keyed(refused.msg), ...(refused.path ? { path: refused.path } : {}) }] };
  const spec = ownValue(value, "spec");
  if (!isObj(spec)) return { ok: false, errors: [{ ...keyed(importMsg("documents.noSpec")), path: "spec", ...positions.at(value, "spec") ?? positions.at(value) }] };
  const metadata = isObj(value.metadata) ? value.metadata : {};
  const labels = ownValue(metadata, "labels");
  const parameters = ownValue(value, "parameters");
  return {
    ok: true,
    file: {
      name: String(ownValue(metadata, "name") ?? "imported"),
      description: typeof metadata.description === "string" ? metadata.description : "",
      labels: Array.isArray(labels) ? labels.map(String) : [],
      spec,
      parameters: Array.isArray(parameters) ? parameters : [],
    },
    locate: (path) => locatePath(positions, value, path),
  };
}

/** The file `readTemplateFile` reads back (what the console's "export template" downloads). */
export function templateFileText(meta: { name: string; description: string; labels: string[]; version?: number }, spec: unknown, parameters: unknown[]): string {
  return stringify({ ...TEMPLATE_FILE, metadata: meta, spec, parameters }, { lineWidth: 0 });
}

export type TemplateContentIssue = { path: string; message: string; msg?: Msg; parameter?: string };

/**
 * A template's spec and parameter definitions checked as a save checks them: definitions,
 * references, and the spec with every parameter at its default. Paths name the file's fields:
 * `spec.containers.0.image`, `parameters.1.default` (a default that breaks the spec is reported there).
 */
export function templateContentIssues(spec: Record<string, unknown>, parameters: unknown[]): TemplateContentIssue[] {
  const resolved = resolveParameters({ spec, parameters: parameters as ParameterDefinition[] }, {});
  if (resolved.ok) return [];
  const defs = parameters as Array<{ name?: unknown } | null>;
  return resolved.errors.map((e) => {
    let path: string;
    if (e.path.startsWith("parameters.")) path = e.path;
    else if (e.path.startsWith("values.")) {
      const i = defs.findIndex((d) => isObj(d) && d.name === e.parameter);
      path = i >= 0 ? `parameters.${i}.default` : "parameters";
    } else path = e.path ? `spec.${e.path}` : "spec";
    return { path, message: e.message, ...(e.msg ? { msg: e.msg } : {}), ...(e.parameter !== undefined ? { parameter: e.parameter } : {}) };
  });
}

/** Line/column of the deepest part of `path` that the file wrote (own keys only). */
function locatePath(positions: SourcePositions, root: unknown, path: string): { line: number; column: number } | undefined {
  let holder: unknown = root;
  let found = positions.at(root);
  for (const key of path.split(".")) {
    if (!positions.has(holder, key)) break;
    found = positions.at(holder, key) ?? found;
    holder = ownValue(holder, key);
  }
  return found;
}
