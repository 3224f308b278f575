import { useTranslations } from "next-intl";
import type { Msg } from "@/lib/i18n/message";
import { useFormatMsg } from "@/app/_components/use-format-msg";
import type { ConnectionReport, PermissionLine } from "@/lib/server/k8s/connection-test";
import type clusters from "@/messages/en/clusters.json";

type PermissionKey = keyof (typeof clusters)["report"]["permissions"];

// The result of a connection test: server version and what the credential may do in the namespace.
export function ConnectionReportView({ report, warnings = [] }: { report: ConnectionReport; warnings?: Msg[] }) {
  const t = useTranslations("clusters.report");
  const format = useFormatMsg();
  if (!report.ok) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        {format(report.msg ?? report.message)}
      </p>
    );
  }
  // each check in the reader's words by its verb and resource; a check the catalogue lacks shows its English label
  const permissionLabel = (p: PermissionLine) => {
    const key = `permissions.${p.verb}_${p.resource}` as `permissions.${PermissionKey}`;
    return t.has(key) ? t(key) : p.label;
  };
  return (
    <div role="status" className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="connection-report">
      <p>
        {t.rich("connected", { version: report.serverVersion, namespace: report.namespace, strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      {warnings.map((w) => (
        <p key={w.key} className="rounded bg-amber-50 px-2 py-1 text-amber-900">
          ⚠ {format(w)}
        </p>
      ))}
      <ul className="grid grid-cols-1 gap-1 sm:grid-cols-2">
        {report.permissions.map((p) => (
          <li key={p.label} className={p.allowed ? "text-green-800" : "text-red-700"}>
            {p.allowed ? "✓" : "✗"} {permissionLabel(p)}
          </li>
        ))}
        <li className={report.canCreateNamespace ? "text-green-800" : "text-slate-500"}>
          {report.canCreateNamespace ? "✓" : "✗"} {t("createNamespaces")}
        </li>
      </ul>
    </div>
  );
}
