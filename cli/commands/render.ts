import { IMPORT_LIMITS } from "@/lib/manifests";
import { outputFormat, parse, parseSets, positionals } from "../args";
import { EXIT, usageError, type ExitCode } from "../errors";
import { readInputFile, type Io } from "../io";
import { renderFile } from "../offline-render";
import { printResult } from "../output";

export const HELP = `berth render -f FILE [--set name=value …] [-o json|yaml]
berth render TEMPLATE[@VERSION] [--set name=value …] [-o json|yaml]

Prints the multi-document YAML the deploy would apply (kubectl-ready), rendered by the console's
renderer. With -f: a Berth template file (parameters from --set, defaults for the rest) or plain
Kubernetes YAML, offline. With TEMPLATE: that template version on the server (latest by default).
-o json prints the objects as JSON.`;

export async function render(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, { file: { type: "string", short: "f" }, set: { type: "string", multiple: true } });
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
  throw usageError("rendering a template on the server is not available in this build");
}
