// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native/WASM-heavy server packages stay outside the bundle (faster builds, no asset copying).
  serverExternalPackages: ["@kubernetes/client-node", "@prisma/client", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // Lets parallel checkouts/test runs build side by side (default ".next").
  distDir: process.env.BERTH_NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};
module.exports = nextConfig;
