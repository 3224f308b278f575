import { useTranslations } from "next-intl";
import type { HealthView, SyncView } from "@/lib/applications/live-state";
import type { Msg } from "@/lib/i18n/message";
import { useFormatMsg } from "@/app/_components/use-format-msg";

// Health and sync badges (list and detail pages). The states stay English identifiers in code
// (filters, tests); the badge text is the reader's language.
const HEALTH_STYLE: Record<string, string> = {
  Healthy: "bg-green-100 text-green-800",
  Progressing: "bg-blue-100 text-blue-800",
  Degraded: "bg-red-100 text-red-800",
  Missing: "bg-amber-100 text-amber-800",
  Unknown: "bg-slate-100 text-slate-700",
};
const SYNC_STYLE: Record<string, string> = {
  "In sync": "bg-green-100 text-green-800",
  Drifted: "bg-amber-100 text-amber-800",
  "Missing objects": "bg-red-100 text-red-800",
  Unknown: "bg-slate-100 text-slate-700",
};
/** The catalogue key of each sync state (the states hold spaces, catalogue keys do not). */
export const SYNC_KEY = { "In sync": "inSync", Drifted: "drifted", "Missing objects": "missingObjects", Unknown: "unknown" } as const;

/** Berth's own words (a catalogue message) in the reader's language, else the English text as the cluster or data layer said it. */
export function useLocalized(reason: string, reasonMsg: Msg | undefined): string {
  return useFormatMsg()(reasonMsg ?? reason);
}

export function HealthBadge({ health }: { health: HealthView }) {
  const t = useTranslations("applications");
  const reason = useLocalized(health.reason, health.reasonMsg);
  const state = t(`healthStates.${health.state}`);
  const text = health.state === "Unknown" || health.state === "Missing" ? state : t("healthCount", { state, ready: health.ready, desired: health.desired });
  return (
    <span title={reason || undefined}>
      <span className={`badge ${HEALTH_STYLE[health.state]}`} data-testid="health" data-state={health.state}>{text}</span>
      {reason ? <span className="ml-1 block text-xs text-slate-600">{reason}</span> : null}
    </span>
  );
}

export function SyncBadge({ sync }: { sync: SyncView }) {
  const t = useTranslations("applications");
  const reason = useLocalized(sync.reason, sync.reasonMsg);
  const label =
    sync.state === "Drifted" ? t("driftedCount", { n: sync.drifted.length }) : sync.state === "Missing objects" ? t("missingCount", { n: sync.missing.length }) : t(`syncStates.${SYNC_KEY[sync.state]}`);
  return (
    <span title={reason || undefined}>
      <span className={`badge ${SYNC_STYLE[sync.state]}`} data-testid="sync" data-state={sync.state}>{label}</span>
      {reason ? <span className="ml-1 block text-xs text-slate-600">{reason}</span> : null}
    </span>
  );
}

/** Why live state is missing: `msg` (Berth's own words, from the data layer) in the reader's language, else the English `message` (the cluster's words). */
export function LiveUnavailable({ message, msg, testId = "live-unavailable" }: { message: string; msg?: Msg; testId?: string }) {
  const t = useTranslations("applications");
  const text = useLocalized(message, msg);
  return (
    <span className="text-xs text-slate-600" data-testid={testId}>
      <span className={`badge ${HEALTH_STYLE.Unknown}`}>{t("healthStates.Unknown")}</span> {text}
    </span>
  );
}
