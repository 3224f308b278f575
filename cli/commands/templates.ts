import type { z } from "zod";
import { TemplatePageSchema, type TemplateSummarySchema } from "../api-schemas";
import { outputFormat, parse, SERVER_OPTIONS } from "../args";
import { connect } from "../connect";
import { EXIT, usageError, type ExitCode } from "../errors";
import type { Io } from "../io";
import { printResult, table } from "../output";

export const HELP = `berth templates ls [-q TEXT] [-o json|yaml]

Lists the templates you can see (name, latest version, visibility, last change).`;

const MAX_ITEMS = 1000;

export async function templates(argv: string[], io: Io): Promise<ExitCode> {
  const { values, positionals: rest } = parse(argv, { query: { type: "string", short: "q" }, ...SERVER_OPTIONS });
  if (rest.length !== 1 || (rest[0] !== "ls" && rest[0] !== "list")) throw usageError("berth templates ls");
  const format = outputFormat(values.output);
  const client = connect(io, values.insecure);
  const items: z.infer<typeof TemplateSummarySchema>[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.get("/api/v1/templates", TemplatePageSchema, { query: { q: values.query, limit: 100, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < MAX_ITEMS);
  printResult(io, format, items, () =>
    items.length
      ? table(["NAME", "VERSION", "VISIBILITY", "UPDATED", "DESCRIPTION"], items.map((t) => [t.name, t.latestVersion, `${t.visibility ?? ""}${t.archived ? " (archived)" : ""}`, t.updatedAt?.slice(0, 16).replace("T", " "), (t.description ?? "").slice(0, 60)]))
      : "No templates.");
  return EXIT.ok;
}
