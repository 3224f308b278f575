import { ClientMessages } from "@/app/_components/client-messages";

// The catalogue namespaces the browser gets here, for the template's controls:
// lib/i18n/client-namespaces.ts; client-namespaces.test.ts checks every route's list.
export default function TemplatesIdLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["template", "common"]}>{children}</ClientMessages>;
}
