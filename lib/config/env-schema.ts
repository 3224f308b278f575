import { z } from "zod";
import { parseTrustedProxies } from "./client-ip";
import { parseRules } from "./cluster-address-policy";

// Every setting Berth reads, as one schema. Pure (no server-only), so that the launcher
// (scripts/serve.ts) can refuse a bad configuration before it migrates or starts anything, and
// the app (lib/server/env.ts, at start through instrumentation.ts) checks the same rules.
// Secrets: AUTH_SECRET, BERTH_ENCRYPTION_KEY, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, BERTH_METRICS_TOKEN,
// BERTH_OIDC_CLIENT_SECRET, BERTH_SMTP_URL (may hold a password).
const required = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? `is not set (${what})` : undefined) });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

/** A comma-separated list of CIDRs, IP addresses and host names (see cluster-address-policy.ts). */
const addressList = optionalString.superRefine((v, ctx) => {
  for (const message of parseRules(v ?? "").errors) ctx.addIssue({ code: "custom", message });
});

// "true"/"false" only: a typo must not silently pick the other behaviour.
const flag = (fallback: "true" | "false") =>
  z
    .enum(["true", "false"], "must be true or false")
    .default(fallback)
    .transform((v) => v === "true");

const envSchema = z
  .object({
    DATABASE_URL: z.string(required("a postgres:// connection URL")).regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL"),
    AUTH_SECRET: z.string(required("a random string of at least 32 characters: `openssl rand -base64 33`")).min(32, "must be at least 32 characters (generate one with `openssl rand -base64 33`)"),
    BERTH_ENCRYPTION_KEY: z
      .string(required("32 random bytes as 64 hex characters: `openssl rand -hex 32`"))
      .refine((v) => decodeKey(v) !== null, "must be 32 bytes exactly, as 64 hex characters or 44 characters of base64 (`openssl rand -hex 32`)"),
    // Next encrypts server actions' bound arguments with it; read by Next itself at run time
    // (over the random key of the build), so every instance of one build must have the same one.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
      .string(required("32 random bytes in base64: `openssl rand -base64 32`"))
      .refine((v) => decodeActionKey(v) !== null, "must be 16, 24 or 32 bytes in base64 (`openssl rand -base64 32`)"),
    BERTH_METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters (`openssl rand -hex 24`)").optional()),
    BERTH_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(25),
    BERTH_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "must be one of fatal, error, warn, info, debug, trace, silent").default("info"),
    BERTH_DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    BERTH_SIGNIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
    BERTH_SIGNIN_MAX_PER_IP: z.coerce.number().int().min(1).default(50),
    BERTH_SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    BERTH_INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
    BERTH_DEPLOY_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(60),
    BERTH_APPS_CLUSTER_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(8_000),
    BERTH_OIDC_ISSUER: optionalString.pipe(z.url().optional()),
    BERTH_OIDC_CLIENT_ID: optionalString,
    BERTH_OIDC_CLIENT_SECRET: optionalString,
    BERTH_OIDC_NAME: z.string().default("Single sign-on"),
    BERTH_MAX_TEMPLATES_PER_TEAM: z.coerce.number().int().min(1).default(1000),
    BERTH_MAX_TEMPLATE_VERSIONS: z.coerce.number().int().min(1).default(1000),
    BERTH_MAX_TEMPLATE_KB: z.coerce.number().int().min(16).max(16 * 1024).default(1024),
    BERTH_TRUSTED_PROXIES: z
      .string()
      .default("")
      .refine((v) => parseTrustedProxies(v) !== null, "must be a number of proxies (0–32) or a comma-separated list of CIDRs/addresses, e.g. 10.0.0.0/8"),
    BERTH_CLUSTER_ALLOW: addressList,
    BERTH_CLUSTER_DENY: addressList,
    /** Loopback/private webhook destinations the operator permits (webhook-address-policy.ts). */
    BERTH_WEBHOOK_ALLOW: addressList,
    /** Background work (webhook deliveries, request expiry) in this instance; every instance may run it. */
    BERTH_BACKGROUND_WORK: flag("true"),
    BERTH_OIDC_TRUST_EMAIL: flag("false"),
    BERTH_SIGNUP: z.enum(["invite", "open", "closed"], "must be invite, open or closed").default("invite"),
    BERTH_SIGNUP_MAX_PER_IP: z.coerce.number().int().min(1).default(10),
    BERTH_PASSWORD_SIGNIN: flag("true"),
    AUTH_URL: optionalString.pipe(z.url().regex(/^https?:\/\//, "must be an http(s):// URL").optional()),
    BERTH_SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL").optional()),
    BERTH_MAIL_FROM: optionalString.pipe(z.string().max(254).regex(/^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/, "must be an address, like berth@example.com or Berth <berth@example.com>").optional()),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.BERTH_OIDC_ISSUER, env.BERTH_OIDC_CLIENT_ID, env.BERTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["BERTH_OIDC_ISSUER"],
        message: "set BERTH_OIDC_ISSUER, BERTH_OIDC_CLIENT_ID and BERTH_OIDC_CLIENT_SECRET together, or none of them",
      });
    }
    if (!env.BERTH_PASSWORD_SIGNIN && !env.BERTH_OIDC_ISSUER) {
      ctx.addIssue({ code: "custom", path: ["BERTH_PASSWORD_SIGNIN"], message: "false needs single sign-on (BERTH_OIDC_ISSUER, …): nobody could sign in" });
    }
    if (Boolean(env.BERTH_SMTP_URL) !== Boolean(env.BERTH_MAIL_FROM)) {
      ctx.addIssue({ code: "custom", path: ["BERTH_SMTP_URL"], message: "set BERTH_SMTP_URL and BERTH_MAIL_FROM together, or neither" });
    }
    if (env.BERTH_SMTP_URL && !env.AUTH_URL) {
      // Links in mails must never be built from a request's Host header (anyone can send one).
      ctx.addIssue({ code: "custom", path: ["AUTH_URL"], message: "is required with BERTH_SMTP_URL: the public URL that links in mails point to" });
    }
  });

export type Env = z.infer<typeof envSchema>;

/**
 * Accepts a 32-byte key as exactly 64 hex characters or as canonical base64 (44 characters with
 * its "=", or 43 without); returns null for anything else. Strict on purpose: Node's base64
 * decoder skips characters it does not know, so a loose check would take a mistyped or truncated
 * key (or one with a stray space) for a different, valid one.
 */
export function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(value)) return null;
  const bytes = Buffer.from(value, "base64");
  // the last character carries 2 unused bits: a canonical key re-encodes to itself
  return bytes.length === 32 && bytes.toString("base64").startsWith(value) ? bytes : null;
}

/** Next's server-action key: canonical base64 of an AES key (16, 24 or 32 bytes), as Next's `atob` reads it. */
export function decodeActionKey(value: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  const bytes = Buffer.from(value, "base64");
  return [16, 24, 32].includes(bytes.length) && bytes.toString("base64") === value ? bytes : null;
}

/** A configuration problem: its message is for the operator, a stack trace would only hide it. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates a set of variables; throws one message naming every bad one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(
      `Berth cannot start: the configuration is invalid.\n${lines.join("\n")}\n` +
        "See README.md#configuration. (`npm start` fills these in for the embedded default.)",
    );
  }
  return parsed.data;
}

