"use client";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import type { TeamSummary } from "@/lib/server/teams";
import { switchTeamAction } from "./team/actions";

export function TeamSwitcher({ teams, currentId }: { teams: TeamSummary[]; currentId: string }) {
  const [pending, start] = useTransition();
  const t = useTranslations("nav");
  if (teams.length === 0) return <span className="text-sm text-slate-500">{t("noTeamYet")}</span>;
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-500">{t("teamLabel")}</span>
      <select
        aria-label={t("switchTeam")}
        className="input w-auto py-1"
        value={currentId}
        disabled={pending}
        onChange={(e) => {
          const fd = new FormData();
          fd.set("teamId", e.target.value);
          start(() => switchTeamAction(fd));
        }}
      >
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.role})
          </option>
        ))}
      </select>
    </label>
  );
}
