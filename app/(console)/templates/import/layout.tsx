import { ClientMessages } from "@/app/_components/client-messages";

// The catalogue namespaces the browser gets here, for the import form:
// lib/i18n/client-namespaces.ts; client-namespaces.test.ts checks every route's list.
export default function TemplatesImportLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["templateImport"]}>{children}</ClientMessages>;
}
