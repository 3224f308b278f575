import { formatImportIssue, IMPORT_LIMITS, importYaml, readTemplateFile, templateFileText } from "@/lib/manifests";
import { parse, positionals } from "../args";
import { CliError, EXIT, usageError, type ExitCode } from "../errors";
import { readInputFile, type Io } from "../io";

export const HELP = `berth import -f FILE [--name NAME] > app.berth.yaml

Turns plain Kubernetes YAML (a StatefulSet and its Services, Ingress, autoscalers, ConfigMaps —
kubectl get -o yaml works) into a Berth template file, with the console's importer. Notes on what
was dropped or not imported go to stderr. FILE "-" reads standard input.`;

export async function importFile(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, { file: { type: "string", short: "f" }, name: { type: "string" } });
  positionals(rest, []);
  if (!values.file) throw usageError("give the YAML to import with -f FILE");
  if (values.output) throw usageError("berth import writes a template file (YAML); it has no --output");
  const text = await readInputFile(io, values.file, IMPORT_LIMITS.bytes);
  if (readTemplateFile(text)) throw new CliError(`${values.file} is already a Berth template file (berth validate checks it)`, EXIT.failed);
  const imported = importYaml(text);
  if (!imported.ok) throw new CliError(imported.errors.map(formatImportIssue).join("\n"), EXIT.failed);
  const name = values.name?.trim() || imported.spec.name;
  io.out(templateFileText({ name, description: "", labels: [] }, imported.spec, []));
  for (const w of imported.warnings) io.err(`warning: ${formatImportIssue(w)}\n`);
  for (const i of imported.ignored) io.err(`warning: ${i.kind} ${i.name} was not imported: ${i.reason}\n`);
  return EXIT.ok;
}
