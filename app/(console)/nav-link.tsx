"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A main-navigation link, marked current on its section's pages. The only part of the console's
 * navigation that runs in the browser: labels, icons and badges are rendered on the server.
 */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm ${active ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`}
    >
      {children}
    </Link>
  );
}
