import { IMPORT_LIMITS } from "@/lib/manifests";
import { RenderSchema } from "../api-schemas";
import { outputFormat, parse, parseSets, parseTemplateRef, positionals, SERVER_OPTIONS } from "../args";
import { connect } from "../connect";
import { EXIT, usageError, type ExitCode } from "../errors";
import { readInputFile, type Io } from "../io";
import { renderFile } from "../offline-render";
import { printResult } from "../output";

export const HELP = `berth render -f FILE [--set name=value …] [-o json|yaml]
berth render TEMPLATE[@VERSION] [--set name=value …] [-o json|yaml]

Prints the multi-document YAML the deploy would apply (kubectl-ready), rendered by the console's
renderer. With -f: a Berth template file (parameters from --set, defaults for the rest) or plain
Kubernetes YAML, offline. With TEMPLATE: that template version on the server (latest by default).
-o json prints the objects as JSON (offline) or the server's answer (template, version, manifest).`;

export async function render(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, { file: { type: "string", short: "f" }, set: { type: "string", multiple: true }, ...SERVER_OPTIONS });
  const format = outputFormat(values.output);
  const sets = parseSets(values.set);
  if (values.file) {
    positionals(rest, []);
    const rendered = renderFile(await readInputFile(io, values.file, IMPORT_LIMITS.bytes), sets);
    if (format === "table") io.out(rendered.yaml);
    else printResult(io, format, rendered.objects, () => "");
    return EXIT.ok;
  }
  if (!rest.length) throw usageError("give a template file with -f FILE, or a template on the server: TEMPLATE[@VERSION]");
  const [ref] = positionals(rest, ["TEMPLATE[@VERSION]"]);
  const { template, version } = parseTemplateRef(ref);
  const result = await connect(io, values.insecure).post(`/api/v1/templates/${encodeURIComponent(template)}/render`, RenderSchema, { body: { version, values: sets } });
  if (format === "table") io.out(result.manifest.endsWith("\n") ? result.manifest : `${result.manifest}\n`);
  else printResult(io, format, result, () => "");
  return EXIT.ok;
}
