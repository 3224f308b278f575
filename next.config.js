// @ts-check
// next-intl's plugin points `next-intl/config` at i18n/request.ts (the request's locale and messages).
// `precompile`: the catalogues' ICU messages (messages/<locale>/<ns>.json) are compiled when the app
// is built, so browsers get a small formatter instead of the ICU parser (intl-messageformat, ~12 kB
// gzipped on every page). Code run outside Next (tests, the CLI) reads the JSON as it is.
const { PHASE_PRODUCTION_BUILD } = require("next/constants");
const createNextIntlPlugin = require("next-intl/plugin");
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native/WASM-heavy server packages stay outside the bundle (faster builds, no asset copying).
  serverExternalPackages: ["@kubernetes/client-node", "@prisma/client", "@prisma/adapter-pg", "pg", "pino", "prom-client"],
  poweredByHeader: false,
  // Lets parallel checkouts/test runs build side by side (default ".next").
  distDir: process.env.BERTH_NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // `npm start` builds with BERTH_SKIP_TYPECHECK=1: a user starting Berth should not wait for a
  // type check (≈16 s of a cold start). Types are checked by `npm test` (tsc --noEmit, a counted
  // step) and by `npm run typecheck`; a plain `next build` still checks them.
  typescript: { ignoreBuildErrors: process.env.BERTH_SKIP_TYPECHECK === "1" },
  // The wizard posts a whole template (spec + parameters) to a server action; the data layer
  // rejects anything over 1 MB with a clear message, so the transport allows a bit more.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  // Fixed security headers on every response, static files included. The Content-Security-Policy
  // (a nonce per request) and HSTS (https only) are set by proxy.ts — see lib/web/security-headers.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
    ];
  },
};
// Builds also write a self-contained server (`.next/standalone/server.js` + only the node_modules it
// needs; completed by scripts/assemble-standalone.sh) for the container image. Only the build sees
// the setting: `npm start` keeps serving the same build with `next start`, which would otherwise
// warn that it "does not work with output: standalone" (it does).
module.exports = (/** @type {string} */ phase) => withNextIntl({ ...nextConfig, output: phase === PHASE_PRODUCTION_BUILD ? "standalone" : undefined });
