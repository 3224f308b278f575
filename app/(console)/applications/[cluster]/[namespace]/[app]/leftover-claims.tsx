import type { AppKey } from "@/lib/server/applications-input";
import type { Ctx } from "@/lib/server/authz";
import { leftoverClaims } from "@/lib/server/applications-ops";
import { AppError } from "@/lib/server/errors";
import { requestTranslator } from "@/lib/server/translate";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/i18n/format";
import { LiveUnavailable } from "../../../live-badges";
import { DeleteClaimForm } from "./app-actions";

// An undeployed app's volume claims (kept on purpose: they hold its data), with size and age,
// each deletable on its own after typing its name.
export async function LeftoverClaims({ ctx, appKey, canAct }: { ctx: Ctx; appKey: AppKey; canAct: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("applications.leftover"), getLocale()]);
  let left;
  try {
    left = await leftoverClaims(ctx, appKey);
  } catch (e) {
    if (e instanceof AppError) return <p className="card p-4 text-sm text-slate-600">{(await requestTranslator())(e.msg ?? e.message)}</p>;
    throw e;
  }
  return (
    <section aria-labelledby="left-h" className="card space-y-3 p-4" data-testid="leftover-claims">
      <h2 id="left-h" className="text-base font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("help", { time: formatDateTime(locale, left.undeployedAt) })}</p>
      {left.state !== "ok" ? <LiveUnavailable message={left.message} msg={left.msg} /> : left.claims.length === 0 ? <p className="text-sm">{t("none")}</p> : (
        <ul className="space-y-3">
          {left.claims.map((c) => (
            <li key={c.name} data-testid="leftover-claim">
              <p className="font-mono text-xs">{t("line", { name: c.name, phase: c.phase, capacity: c.capacity || "?", storageClass: c.storageClass || t("defaultClass"), created: c.createdAt ? formatDateTime(locale, new Date(c.createdAt)) : "?" })}</p>
              {canAct ? <DeleteClaimForm k={appKey} claim={c.name} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
