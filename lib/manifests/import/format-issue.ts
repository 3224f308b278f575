import { english } from "@/lib/i18n/english";
import { isMsg, type Msg } from "@/lib/i18n/message";
import { importMsg } from "./import-context";

type PlacedIssue = { message: string; msg?: Msg; path?: string; line?: number; column?: number };

/** One line for an import error or warning in English (the API, the CLI): "line 5, column 3: replicas: must be a number". */
export function formatImportIssue(issue: PlacedIssue): string {
  return english(importIssueMsg(issue));
}

/**
 * The same line as a message, for the reader's language (the YAML pane, the import page):
 * where it was written, the field, then the issue's own message.
 */
export function importIssueMsg(issue: PlacedIssue): Msg {
  const { line, column } = issue;
  const where = line === undefined ? "" : column === undefined ? importMsg("where.line", { line }) : importMsg("where.lineColumn", { line, column });
  let body: Msg | string = issue.msg ?? issue.message;
  // Syntax errors already start with "line N:"; do not say it twice.
  const values = isMsg(body) ? body.values : undefined;
  if (where && values && isMsg(body) && body.key === "importYaml.syntax.at" && values.line === line)
    body = importMsg("syntax.bare", { sentence: values.sentence, parser: values.parser });
  else if (where && typeof body === "string" && body.startsWith(`line ${line}:`)) body = body.slice(`line ${line}: `.length);
  const path = issue.path ? importMsg("where.path", { path: issue.path }) : "";
  return importMsg("placed", { where, path, body });
}
