// Which catalogue namespaces go to the browser. next-intl's client provider puts the messages it is
// given into the HTML document (and each navigation's RSC payload): the whole catalogue is ~100 kB
// of JSON, ~20 kB of every page on the wire. And the provider itself (with use-intl's formatter,
// ~4 kB gzipped) is JavaScript a page needs only when its client components word something.
// So the root layout has no provider: a route whose client components use next-intl has a
// layout.tsx that wraps it in <ClientMessages namespaces={[…]}> (app/_components/client-messages.tsx),
// "all" where a client component words a data-layer message (useFormatMsg: its key may name any
// namespace). The root error page gets its four texts from the root layout (error-texts.tsx).
// client-namespaces.test.ts reads every route's client components and fails when one needs a
// namespace (or a provider) its route does not send.
import type en from "../../messages/en";

export type Namespace = keyof typeof en;

/** The catalogue cut down to `namespaces` (every namespace for "all"). */
export function pickNamespaces<M extends Record<string, unknown>>(messages: M, namespaces: readonly string[] | "all"): Partial<M> {
  if (namespaces === "all") return messages;
  const out: Partial<M> = {};
  for (const ns of namespaces) if (Object.hasOwn(messages, ns)) out[ns as keyof M] = messages[ns as keyof M];
  return out;
}
