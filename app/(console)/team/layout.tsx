import { ClientMessages } from "@/app/_components/client-messages";

// The catalogue namespaces the browser gets here, for the team forms:
// lib/i18n/client-namespaces.ts; client-namespaces.test.ts checks every route's list.
export default function TeamLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["team", "common"]}>{children}</ClientMessages>;
}
