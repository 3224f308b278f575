import { ClientMessages } from "@/app/_components/client-messages";

// The whole catalogue goes to the browser here: the wizard words validation, parameter and import messages in the browser.
// lib/i18n/client-namespaces.ts; client-namespaces.test.ts checks every route's list.
export default function TemplatesNewLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces="all">{children}</ClientMessages>;
}
