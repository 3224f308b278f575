import { Anchor } from "lucide";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Icon } from "@/app/_components/icon";
import { countWaitingForMe } from "@/lib/server/deploy-requests-query";
import { requireWorkspace } from "@/lib/server/session";
import { signOutAction } from "../(auth)/actions";
import { ConsoleNav } from "./console-nav";
import { LanguageMenu } from "./language-menu";
import { TeamSwitcher } from "./team-switcher";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const ws = await requireWorkspace();
  const [t, roles] = await Promise.all([getTranslations("nav"), getTranslations("team.roles")]);
  const waiting = ws.team ? await countWaitingForMe({ userId: ws.user.id, teamId: ws.team.id }) : 0;
  return (
    <div className="flex min-h-screen flex-col lg:flex-row">
      <aside className="border-b border-slate-200 bg-slate-900 text-slate-100 lg:w-56 lg:shrink-0 lg:border-r lg:border-b-0">
        <Link href="/templates" className="flex items-center gap-2 px-4 py-4 text-base font-semibold">
          <Icon icon={Anchor} className="h-5 w-5 text-brand-100" /> Berth
        </Link>
        <ConsoleNav waiting={waiting} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2.5 md:px-8">
          <TeamSwitcher teams={ws.teams} currentId={ws.team?.id ?? ""} />
          <div className="flex items-center gap-3 text-sm" role="group" aria-label={t("accountMenu")}>
            <span className="text-slate-600" data-testid="signed-in-as">
              <Link href="/account" className="hover:underline" title={t("yourAccount")}>
                {ws.user.email}
              </Link>
              {ws.team ? <span className="badge ml-2 bg-slate-100 text-slate-700">{roles(ws.team.role)}</span> : null}
            </span>
            <LanguageMenu />
            <form action={signOutAction}>
              <button type="submit" className="btn-secondary">
                {t("signOut")}
              </button>
            </form>
          </div>
        </header>
        <main className="flex-1 px-4 py-6 md:px-8">{children}</main>
      </div>
    </div>
  );
}
