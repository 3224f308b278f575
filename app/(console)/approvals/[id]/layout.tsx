import { ClientMessages } from "@/app/_components/client-messages";

// The whole catalogue goes to the browser here: the decision form words its result (a data-layer message: useFormatMsg).
// lib/i18n/client-namespaces.ts; client-namespaces.test.ts checks every route's list.
export default function ApprovalsIdLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces="all">{children}</ClientMessages>;
}
