"use client";
import { createContext, useContext } from "react";

/** The root error page's words, in the reader's language (worded by the root layout on the server). */
export type ErrorTexts = { pageFailed: string; databaseUnavailable: string; tryAgain: string; /** with "{id}" where the reference goes */ pageFailedDetail: string };

const Texts = createContext<ErrorTexts | null>(null);

/**
 * Gives app/error.tsx its texts without next-intl's client provider: the root layout has none, so
 * that pages whose client components word nothing do not load it (lib/i18n/client-namespaces.ts).
 */
export function ErrorTextsProvider({ texts, children }: { texts: ErrorTexts; children: React.ReactNode }) {
  return <Texts.Provider value={texts}>{children}</Texts.Provider>;
}

export function useErrorTexts(): ErrorTexts {
  const texts = useContext(Texts);
  if (!texts) throw new Error("useErrorTexts outside ErrorTextsProvider (app/layout.tsx)");
  return texts;
}
