// Prisma 7 configuration. The URL is read leniently: `env("DATABASE_URL")` would make even
// `prisma generate` fail when it is unset (the embedded default sets it only at run time).
// Migrations are applied and created by prisma/tools/migrate.ts (Prisma's native engines cannot be
// downloaded here); the layout and `_prisma_migrations` table are Prisma Migrate's own.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
