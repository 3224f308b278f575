// Errors the data layer throws on purpose. Server actions turn them into form results
// (lib/server/action.ts); anything else is unexpected, logged with a request id, and shown
// as a generic message — never a 500 page.
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    message: string,
    readonly code: "invalid" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "unavailable",
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const invalid = (message: string, fieldErrors: FieldErrors = {}) => new AppError(message, "invalid", fieldErrors);
export const forbidden = (message = "You do not have permission to do that.") => new AppError(message, "forbidden");
export const notFound = (what = "That item") => new AppError(`${what} was not found, or you cannot see it.`, "not_found");
export const conflict = (message: string, fieldErrors: FieldErrors = {}) => new AppError(message, "conflict", fieldErrors);
export const rateLimited = (message: string) => new AppError(message, "rate_limited");
