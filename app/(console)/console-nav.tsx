"use client";
import { AppWindow, Boxes, FileStack, History, ScrollText, Users } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";

const ITEMS: { href: string; label: "applications" | "templates" | "clusters" | "deployments" | "audit" | "team"; icon: typeof Users }[] = [
  { href: "/applications", label: "applications", icon: AppWindow },
  { href: "/templates", label: "templates", icon: FileStack },
  { href: "/clusters", label: "clusters", icon: Boxes },
  { href: "/deployments", label: "deployments", icon: History },
  { href: "/audit", label: "audit", icon: ScrollText },
  { href: "/team", label: "team", icon: Users },
];

export function ConsoleNav() {
  const pathname = usePathname();
  const t = useTranslations("nav");
  return (
    <nav aria-label={t("main")} className="flex gap-1 overflow-x-auto px-2 pb-2 lg:flex-col lg:pb-4">
      {ITEMS.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm ${active ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`}
          >
            <Icon aria-hidden className="h-4 w-4" /> {t(label)}
          </Link>
        );
      })}
    </nav>
  );
}
