import { getTranslations } from "next-intl/server";
import { ActionSelect } from "@/app/_components/action-select";
import type { TeamSummary } from "@/lib/server/teams";
import { switchTeamAction } from "./team/actions";

/** The header's team picker, rendered on the server: choosing a team calls switchTeamAction. */
export async function TeamSwitcher({ teams, currentId }: { teams: TeamSummary[]; currentId: string }) {
  const [t, roles] = await Promise.all([getTranslations("nav"), getTranslations("team.roles")]);
  if (teams.length === 0) return <span className="text-sm text-slate-500">{t("noTeamYet")}</span>;
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-500">{t("teamLabel")}</span>
      <ActionSelect action={switchTeamAction} name="teamId" aria-label={t("switchTeam")} className="input w-auto py-1" value={currentId}>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {t("teamWithRole", { team: team.name, role: roles(team.role) })}
          </option>
        ))}
      </ActionSelect>
    </label>
  );
}
