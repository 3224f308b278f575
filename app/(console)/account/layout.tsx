import { ClientMessages } from "@/app/_components/client-messages";

// The catalogue namespaces the browser gets here, for the API tokens table and form:
// lib/i18n/client-namespaces.ts; client-namespaces.test.ts checks every route's list.
export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["apiTokens", "common"]}>{children}</ClientMessages>;
}
