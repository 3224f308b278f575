import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/empty-state";
import { openApiDocument } from "@/lib/api/v1/openapi";
import { OPERATIONS } from "@/lib/api/v1/routes";
import { requireWorkspace } from "@/lib/server/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiReference");
  return { title: t("title") };
}

type Json = Record<string, any>;
const API_BASE = "/api/v1";

// A plain reference of /api/v1, rendered from the same OpenAPI document the API serves: each
// operation with its parameters, body and response shape. The page's own text is translated; the
// operations' summaries and descriptions are the API document's (English, like the API).
export default async function ApiReferencePage() {
  await requireWorkspace();
  const t = await getTranslations("apiReference");
  const doc = openApiDocument() as Json;
  const schemas = doc.components.schemas as Json;
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <p className="text-sm">
        {t.rich("machineReadable", {
          link: (chunks) => (
            <a className="underline" href="/api/v1/openapi.json">
              {chunks}
            </a>
          ),
        })}{" "}
        {t("englishNote")}
      </p>
      {OPERATIONS.map((op) => {
        const o = doc.paths[op.path][op.method] as Json;
        const body = o.requestBody?.content?.["application/json"]?.schema as Json | undefined;
        const ok = o.responses[String(op.response.status)]?.content?.["application/json"]?.schema as Json | undefined;
        return (
          <section key={op.operationId} id={op.operationId} className="card space-y-2 p-4" data-testid="api-operation">
            <h2 className="font-mono text-sm font-semibold">
              <span className="badge mr-2 bg-slate-100 text-slate-700">{op.method.toUpperCase()}</span>
              {`${API_BASE}${op.path}`}
            </h2>
            <p className="text-sm">{op.summary}</p>
            {op.description ? <p className="text-sm text-slate-600">{op.description}</p> : null}
            {o.parameters?.length ? (
              <table className="data-table" aria-label={t("parametersOf", { operation: op.operationId })}>
                <tbody>
                  {(o.parameters as Json[]).map((p) => (
                    <tr key={`${p.in}-${p.name}`}>
                      <td className="font-mono text-xs">{p.name}</td>
                      <td className="text-xs">
                        {p.in}
                        {p.required ? `, ${t("required")}` : ""}
                      </td>
                      <td className="text-xs">{p.description ?? shapeOf(p.schema)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {body ? <Shape title={t("requestBody")} schema={body} /> : null}
            {ok ? (
              <Shape title={t("response", { status: op.response.status })} schema={resolve(ok, schemas)} />
            ) : (
              <p className="text-xs text-slate-600">{t("responseFile", { status: op.response.status })}</p>
            )}
          </section>
        );
      })}
    </div>
  );
}

function resolve(schema: Json, schemas: Json): Json {
  const ref = typeof schema.$ref === "string" ? schema.$ref.split("/").pop() : undefined;
  return ref && schemas[ref] ? schemas[ref] : schema;
}

function Shape({ title, schema }: { title: string; schema: Json }) {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">{title}</summary>
      <table className="data-table mt-1">
        <tbody>
          {Object.entries(props).map(([name, p]) => (
            <tr key={name}>
              <td className="font-mono text-xs">
                {name}
                {required.has(name) ? "" : "?"}
              </td>
              <td className="font-mono text-xs">{shapeOf(p)}</td>
              <td className="text-xs">{p.description ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function shapeOf(p: Json | undefined): string {
  if (!p) return "";
  if (p.$ref) return String(p.$ref).split("/").pop() ?? "";
  if (p.enum) return (p.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if (p.const !== undefined) return JSON.stringify(p.const);
  if (p.anyOf) return (p.anyOf as Json[]).map(shapeOf).join(" | ");
  if (p.type === "array") return `${shapeOf(p.items)}[]`;
  if (Array.isArray(p.type)) return p.type.join(" | ");
  return String(p.type ?? "object");
}
