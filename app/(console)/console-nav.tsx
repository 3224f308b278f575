import { AppWindow, Bell, Boxes, FileStack, History, ScrollText, ShieldCheck, Users, type IconNode } from "lucide";
import { getTranslations } from "next-intl/server";
import { Icon } from "@/app/_components/icon";
import { NavLink } from "./nav-link";

const ITEMS: { href: string; label: "applications" | "templates" | "clusters" | "deployments" | "approvals" | "audit" | "team" | "webhooks"; icon: IconNode }[] = [
  { href: "/applications", label: "applications", icon: AppWindow },
  { href: "/templates", label: "templates", icon: FileStack },
  { href: "/clusters", label: "clusters", icon: Boxes },
  { href: "/deployments", label: "deployments", icon: History },
  { href: "/approvals", label: "approvals", icon: ShieldCheck },
  { href: "/audit", label: "audit", icon: ScrollText },
  { href: "/team", label: "team", icon: Users },
  { href: "/webhooks", label: "webhooks", icon: Bell },
];

/**
 * The console's main navigation, rendered on the server (labels, icons, the badge); only
 * NavLink's current-page marking runs in the browser.
 * `waiting`: deploy requests waiting for my decision (the Approvals badge).
 */
export async function ConsoleNav({ waiting = 0 }: { waiting?: number }) {
  const t = await getTranslations("nav");
  return (
    <nav aria-label={t("main")} className="flex gap-1 overflow-x-auto px-2 pb-2 lg:flex-col lg:pb-4">
      {ITEMS.map(({ href, label, icon }) => (
        <NavLink key={href} href={href}>
          <Icon icon={icon} className="h-4 w-4" /> {t(label)}
          {href === "/approvals" && waiting > 0 ? (
            <span className="ml-auto rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900" data-testid="approvals-badge" aria-label={t("waitingForYou", { count: waiting })}>
              {waiting}
            </span>
          ) : null}
        </NavLink>
      ))}
    </nav>
  );
}
