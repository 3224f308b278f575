import { ClientMessages } from "@/app/_components/client-messages";

// The whole catalogue goes to the browser here: the plan and its results are worded in the browser (data-layer messages: useFormatMsg).
// lib/i18n/client-namespaces.ts; client-namespaces.test.ts checks every route's list.
export default function DeploymentsNewLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces="all">{children}</ClientMessages>;
}
