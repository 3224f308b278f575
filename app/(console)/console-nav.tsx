"use client";
import { AppWindow, Boxes, FileStack, History, ScrollText, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/applications", label: "Applications", icon: AppWindow },
  { href: "/templates", label: "Templates", icon: FileStack },
  { href: "/clusters", label: "Clusters", icon: Boxes },
  { href: "/deployments", label: "Deployments", icon: History },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/team", label: "Team", icon: Users },
];

export function ConsoleNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex gap-1 overflow-x-auto px-2 pb-2 lg:flex-col lg:pb-4">
      {ITEMS.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm ${active ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`}
          >
            <Icon aria-hidden className="h-4 w-4" /> {label}
          </Link>
        );
      })}
    </nav>
  );
}
