import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Msg } from "@/lib/i18n/message";
import { useFormatMsg } from "@/app/_components/use-format-msg";

type Result = { status: string; message: string; msg?: Msg; deploymentId: string | null; requestId?: string; breakGlass?: boolean };

// One cluster's outcome of a deploy, redeploy or undeploy: applied/failed (a record), refused, or
// waiting for approval (a deploy request on a protected cluster).
/** A result's status in the reader's words: a record's (applied, failed), refused, or waiting for approval. */
export function useResultStatusWord(): (status: string) => string {
  const t = useTranslations("clusterResult");
  const tStatus = useTranslations("deployments.status");
  return (status) =>
    status === "waiting_for_approval" ? t("waiting") : status === "refused" ? t("refused") : tStatus.has(status as "applied") ? tStatus(status as "applied") : status;
}

export function ClusterResultLine({ result: r, name }: { result: Result; name?: string }) {
  const t = useTranslations("clusterResult");
  const format = useFormatMsg();
  const status = useResultStatusWord()(r.status);
  const tone = r.status === "applied" ? "text-green-800" : r.status === "waiting_for_approval" ? "text-amber-900" : "text-red-700";
  return (
    <p className="text-sm" data-testid="cluster-result">
      {name ? <strong>{name}: </strong> : null}
      <span className={tone}>{status}</span>
      {r.breakGlass ? <span className="badge ml-1 bg-red-600 text-white">{t("breakGlass")}</span> : null} — {format(r.msg ?? r.message)}{" "}
      {r.deploymentId ? (
        <Link className="text-brand-700 underline" href={`/deployments/${r.deploymentId}`}>
          {t("openRecord")}
        </Link>
      ) : null}
      {r.requestId ? (
        <Link className="text-brand-700 underline" href={`/approvals/${r.requestId}`} data-testid="request-link">
          {t("openRequest")}
        </Link>
      ) : null}
    </p>
  );
}
