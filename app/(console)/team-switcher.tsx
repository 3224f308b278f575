"use client";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import type { TeamSummary } from "@/lib/server/teams";
import { switchTeamAction } from "./team/actions";

export function TeamSwitcher({ teams, currentId }: { teams: TeamSummary[]; currentId: string }) {
  const [pending, start] = useTransition();
  const t = useTranslations("nav");
  const roles = useTranslations("team.roles");
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
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {t("teamWithRole", { team: team.name, role: roles(team.role) })}
          </option>
        ))}
      </select>
    </label>
  );
}
