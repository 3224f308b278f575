import { checkAppFile, formatImportIssue, IMPORT_LIMITS, type FileIssue } from "@/lib/manifests";
import { outputFormat, parse, positionals } from "../args";
import { EXIT, usageError, type ExitCode } from "../errors";
import { readInputFile, type Io } from "../io";
import { printResult } from "../output";

export const HELP = `berth validate -f FILE [-o json|yaml]

Checks a Berth template file (kind: BerthTemplate) or plain Kubernetes YAML (one application's
objects) offline, with the console's messages and the line and column of each finding.
FILE "-" reads standard input. Exit 0 when valid, 1 when not (findings on stderr).`;

export async function validate(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, { file: { type: "string", short: "f" } });
  positionals(rest, []);
  if (!values.file) throw usageError("give the file to check with -f FILE");
  const format = outputFormat(values.output);
  const checked = checkAppFile(await readInputFile(io, values.file, IMPORT_LIMITS.bytes));
  const errors = checked.ok ? [] : checked.errors;
  const what = checked.kind === "template" ? "Berth template" : "Kubernetes YAML";
  const name = checked.ok ? (checked.kind === "template" ? checked.file.name : checked.spec.name) : undefined;
  const where = values.file === "-" ? "<stdin>" : values.file;
  printResult(io, format, { file: where, kind: checked.kind, valid: checked.ok, ...(name ? { name } : {}), errors, warnings: checked.warnings }, () => "");
  if (format === "table") {
    for (const e of errors) io.err(`${where}: error: ${formatImportIssue(e)}\n`);
    for (const w of checked.warnings) io.err(`${where}: warning: ${formatImportIssue(w)}\n`);
    if (checked.ok) io.out(`${where}: valid ${what} "${name}"${checked.warnings.length ? `, ${plural(checked.warnings, "warning")}` : ""}\n`);
    else io.err(`${where}: ${plural(errors, "error")} — not a valid ${what}\n`);
  }
  return checked.ok ? EXIT.ok : EXIT.failed;
}

const plural = (list: FileIssue[], word: string) => `${list.length} ${word}${list.length === 1 ? "" : "s"}`;
