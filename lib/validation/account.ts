import { z } from "@/lib/zod";
import { ROLES } from "@/lib/auth/roles";

// Form schemas shared by the pages (client hints) and the server actions (the real check).
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like ana@example.com."));

const newPassword = z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters.");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Keep your name under 100 characters."),
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
  password: z.string().min(1, "Enter your password.").max(200, "That password is too long."),
});

export const teamNameSchema = z.object({
  name: z.string().trim().min(2, "Use at least 2 characters.").max(60, "Keep the team name under 60 characters."),
});

export const inviteSchema = z.object({
  email: z.union([z.literal(""), emailField]).optional().default(""),
  role: z.enum(ROLES, "Choose a role."),
});

export const roleChangeSchema = z.object({
  membershipId: z.string().min(1).max(64),
  role: z.enum(ROLES, "Choose a role."),
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
