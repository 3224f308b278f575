import { z } from "@/lib/zod";

// The "new API token" form (account page) and what the server action checks.
export const API_TOKEN_ROLES = ["viewer", "member"] as const;
export const API_TOKEN_ROLE_LABELS: Record<(typeof API_TOKEN_ROLES)[number], string> = {
  viewer: "Read (viewer)",
  member: "Deploy (member)",
};
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token (e.g. the pipeline that uses it).").max(60, "Keep the name under 60 characters."),
  teamId: z.string().trim().min(1, "Choose a team.").max(64),
  role: z.enum(API_TOKEN_ROLES, "Choose read or deploy."),
  expiresInDays: z.coerce
    .number("Enter a number of days.")
    .int("Use a whole number of days.")
    .min(1, "At least 1 day.")
    .max(API_TOKEN_MAX_DAYS, `At most ${API_TOKEN_MAX_DAYS} days (one year).`)
    .default(API_TOKEN_DEFAULT_DAYS),
});

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
