/** One line for an import error or warning, the same in the YAML pane and the import page: "line 5, column 3: replicas: must be a number". */
export function formatImportIssue(issue: { message: string; path?: string; line?: number; column?: number }): string {
  const where = issue.line !== undefined ? `line ${issue.line}${issue.column !== undefined ? `, column ${issue.column}` : ""}: ` : "";
  // Syntax errors already start with "line N:"; do not say it twice.
  const message = where && issue.message.startsWith(`line ${issue.line}:`) ? issue.message.slice(`line ${issue.line}: `.length) : issue.message;
  return `${where}${issue.path ? `${issue.path}: ` : ""}${message}`;
}
