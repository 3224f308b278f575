import { ClientMessages } from "@/app/_components/client-messages";

// The catalogue namespaces the browser gets here, for the filter bar and the chain check:
// lib/i18n/client-namespaces.ts; client-namespaces.test.ts checks every route's list.
export default function AuditLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["audit", "common"]}>{children}</ClientMessages>;
}
