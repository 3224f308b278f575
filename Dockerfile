# syntax=docker/dockerfile:1
# Berth's container image: one build artifact for every instance (server-action ids are fixed at
# build time; the action key comes from NEXT_SERVER_ACTIONS_ENCRYPTION_KEY at run time, never from
# the build). See deploy/README.md for building, pushing and running it.

# 1. Dependencies (npm's install scripts are not needed: Prisma's client is generated below).
FROM node:20-bookworm-slim AS deps
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts

# 2. Build: Prisma client, `next build` (output: standalone), then the self-contained server folder.
FROM deps AS build
COPY . .
RUN npm run -s db:generate \
 && BERTH_SKIP_TYPECHECK=1 node node_modules/next/dist/bin/next build \
 && bash scripts/assemble-standalone.sh

# 3. Run: Node.js only — no shell, no npm, no compiler. Runs as uid 65532 and writes nothing but
# /tmp and .next/cache (mount both as emptyDir volumes with a read-only root filesystem).
FROM gcr.io/distroless/nodejs20-debian12:nonroot AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000
COPY --from=build --chown=65532:65532 /src/.next/standalone /app
USER 65532:65532
EXPOSE 3000
# The image's entrypoint is node; the migration step runs `prisma/migrate-deploy.cjs` instead.
CMD ["--require", "./peer-address.cjs", "--require", "./json-console.cjs", "server.js"]
