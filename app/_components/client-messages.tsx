import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickNamespaces, type Namespace } from "@/lib/i18n/client-namespaces";

/**
 * next-intl's client provider (the request's locale and time zone) with only the catalogue
 * namespaces the client components below it use; "all" for routes whose client components word
 * data-layer messages (lib/i18n/client-namespaces.ts). Used in route layouts; a nested one replaces
 * the outer one's messages. Write `namespaces` as a literal: client-namespaces.test.ts reads it.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[] | "all"; children: React.ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickNamespaces(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
