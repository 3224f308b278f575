import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { ErrorTextsProvider } from "./_components/error-texts";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return {
    title: { default: "Berth", template: "%s · Berth" },
    description: t("description"),
    icons: { icon: "/icon.svg" },
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts).
  await connection();
  const locale = await getLocale();
  const t = await getTranslations("errors");
  // No next-intl client provider here: routes whose client components word something have one in
  // their layout.tsx with the namespaces they use (lib/i18n/client-namespaces.ts). The error page
  // (app/error.tsx) gets its texts from this one; "{id}" is filled in with the error's reference.
  const errorTexts = { pageFailed: t("pageFailed"), databaseUnavailable: t("databaseUnavailable"), tryAgain: t("tryAgain"), pageFailedDetail: t("pageFailedDetail", { id: "{id}" }) };
  return (
    <html lang={locale}>
      <body>
        <ErrorTextsProvider texts={errorTexts}>{children}</ErrorTextsProvider>
      </body>
    </html>
  );
}
