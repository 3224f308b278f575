import {
  checkAppFile, formatImportIssue, readTemplateFile, renderApp, renderYaml, resolveParameters, type AppSpec, type FileIssue, type ParameterDefinition,
} from "@/lib/manifests";
import { CliError, EXIT, usageError } from "./errors";

/**
 * A local file rendered as the console renders a template version: a Berth template file with
 * `--set` values (defaults for the rest), or plain Kubernetes YAML read by the importer and
 * rendered back (no parameters). Errors name their line in the file, or the --set value.
 */
export function renderFile(text: string, values: Record<string, string>): { yaml: string; objects: ReturnType<typeof renderApp> } {
  const read = readTemplateFile(text);
  let spec: AppSpec;
  if (read?.ok) {
    const resolved = resolveParameters({ spec: read.file.spec, parameters: read.file.parameters as ParameterDefinition[] }, values);
    if (!resolved.ok) {
      throw new CliError(resolved.errors.map((e): string => {
        if (e.path.startsWith("values.")) return `--set ${e.path.slice("values.".length)}: ${e.message}`;
        const path = e.path.startsWith("parameters.") ? e.path : `spec.${e.path}`;
        return formatImportIssue({ message: e.message, path, ...read.locate(path) });
      }).join("\n"), EXIT.failed);
    }
    spec = resolved.spec;
  } else {
    const checked = checkAppFile(text);
    if (!checked.ok) throw new CliError(lines(checked.errors), EXIT.failed);
    if (checked.kind !== "objects") throw new CliError("not an application", EXIT.failed);
    if (Object.keys(values).length) throw usageError("--set needs a Berth template file: plain Kubernetes YAML has no parameters (berth import makes a template of it)");
    spec = checked.spec;
  }
  return { yaml: renderYaml(spec), objects: renderApp(spec) };
}

const lines = (issues: FileIssue[]) => issues.map(formatImportIssue).join("\n");
