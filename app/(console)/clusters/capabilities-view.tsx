import type { CredentialView } from "@/lib/server/clusters";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/lib/i18n/format";
import { useFormatMsg } from "@/app/_components/use-format-msg";

// What the cluster serves, as my credential saw it at the last attach, test or plan: the
// features the seed's example needs, and plainly what is missing.
export function CapabilitiesView({ credential, profile }: { credential: CredentialView; profile: string }) {
  const t = useTranslations("clusters.capabilities");
  const tCron = useTranslations("clusters.cronController");
  const locale = useLocale();
  const format = useFormatMsg();
  const c = credential.capabilities;
  if (!c) return <p className="text-xs text-slate-500">{t("notChecked")}</p>;
  const list = (l: { names: string[]; default: string | null } | null, what: string) =>
    l === null ? t("unknownList", { what }) : l.names.length === 0 ? t("none") : l.names.map((n) => (n === l.default ? t("isDefault", { name: n }) : n)).join(", ");
  const metrics = t(`metrics.${c.metrics}`);
  const missing = credential.missingMsgs.length ? credential.missingMsgs.map(format) : credential.missing;
  return (
    <section aria-label={t("title")} className="space-y-2 rounded-md border border-slate-200 p-3 text-sm" data-testid="cluster-capabilities">
      <h3 className="text-sm font-semibold">
        {t("title")} <span className="font-normal text-slate-500">{t("checked", { time: formatDateTime(locale, new Date(c.checkedAt), "minute") })}</span>
      </h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-500">{t("scheduledScaling")}</dt>
        <dd data-testid="cron-hpa-state">{c.cronHpa ? t("cronCrd", { controller: tCron(c.cronHpaController ?? "unknown") }) : t("noCronCrd")}</dd>
        <dt className="text-slate-500">{t("metricsApi")}</dt>
        <dd>{metrics}</dd>
        <dt className="text-slate-500">{t("storageClasses")}</dt>
        <dd>{list(c.storageClasses, "StorageClasses")}</dd>
        <dt className="text-slate-500">{t("ingressClasses")}</dt>
        <dd>{list(c.ingressClasses, "IngressClasses")}</dd>
        <dt className="text-slate-500">{t("namespaces")}</dt>
        <dd>{c.namespaces === null ? t("namespacesUnknown") : `${c.namespaces.length}${c.namespaces.length ? `: ${c.namespaces.slice(0, 12).join(", ")}${c.namespaces.length > 12 ? ", …" : ""}` : ""}`}</dd>
      </dl>
      {missing.length ? (
        <ul className="space-y-1" data-testid="cluster-missing">
          {missing.map((m) => (
            <li key={m} className="rounded bg-amber-50 px-2 py-1 text-amber-900">
              ⚠ {m}
            </li>
          ))}
        </ul>
      ) : null}
      {profile !== "alibabacloud" ? (
        <p className="text-xs text-slate-500">
          {t("genericProfile")}
        </p>
      ) : null}
    </section>
  );
}
