import { z } from "@/lib/zod";
import { ROLES } from "@/lib/auth/roles";

// Form schemas shared by the pages (client hints) and the server actions (the real check).
// Messages are catalogue keys ("validation.account.…"), shown in the reader's language by runAction.
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "validation.account.emailRequired")
  .max(254, "validation.account.emailLong")
  .pipe(z.email("validation.account.emailInvalid"));

const newPassword = z.string().min(10, "validation.account.passwordMin").max(200, "validation.account.passwordMax");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "validation.account.name").max(100, "validation.account.nameLong"),
  email: emailField,
  password: newPassword,
  invitation: z.string().max(200).optional().default(""),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z.object({
  token: z.string().min(1).max(200),
  password: newPassword,
});

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, "validation.account.passwordRequired").max(200, "validation.account.passwordLong"),
});

export const teamNameSchema = z.object({
  name: z.string().trim().min(2, "validation.account.teamNameShort").max(60, "validation.account.teamNameLong"),
});

export const inviteSchema = z.object({
  email: z.union([z.literal(""), emailField]).optional().default(""),
  role: z.enum(ROLES, "validation.account.role"),
});

export const roleChangeSchema = z.object({
  membershipId: z.string().min(1).max(64),
  role: z.enum(ROLES, "validation.account.role"),
});

export const idSchema = z.object({ id: z.string().min(1).max(64) });

/**
 * Where to go after sign-in: a path on this site, or `fallback`. A browser leaves the site for
 * "//host", "/\host" (backslashes count as slashes) and paths with control characters, so those
 * fall back too.
 */
export function safeNextPath(value: unknown, fallback = "/templates"): string {
  const next = typeof value === "string" ? value : "";
  if (!next.startsWith("/") || next.length > 2000 || /^\/[/\\]|[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  return next;
}
