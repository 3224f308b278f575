import { z } from "@/lib/zod";

// The "new API token" form (account page) and what the server action checks. Messages are
// catalogue keys (messages/*.json, "validation.apiTokens.…"), shown in the reader's language.
export const API_TOKEN_ROLES = ["viewer", "member"] as const;
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "validation.apiTokens.name").max(60, "validation.apiTokens.nameLong"),
  teamId: z.string().trim().min(1, "validation.apiTokens.team").max(64),
  role: z.enum(API_TOKEN_ROLES, "validation.apiTokens.role"),
  expiresInDays: z.coerce
    .number("validation.apiTokens.days")
    .int("validation.apiTokens.days")
    .min(1, "validation.apiTokens.daysMin")
    .max(API_TOKEN_MAX_DAYS, "validation.apiTokens.daysMax")
    .default(API_TOKEN_DEFAULT_DAYS),
});

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
