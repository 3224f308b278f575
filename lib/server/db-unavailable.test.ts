import { describe, expect, it } from "vitest";
import { DB_UNAVAILABLE_DIGEST, databaseUnavailable, isDatabaseUnavailable, mapUnavailable } from "./db-unavailable";
import { AppError } from "./errors";

// What counts as "the database is away for a moment" (a clear message, not an unexpected error).
describe("isDatabaseUnavailable", () => {
  const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });
  it("recognises refused, reset and terminated connections and Postgres shutting down, also as a cause", () => {
    expect(isDatabaseUnavailable(withCode("ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("57P01", "terminating connection due to administrator command"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("P1001"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: withCode("ECONNRESET") }))).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } })).toBe(true);
    expect(isDatabaseUnavailable({ ...databaseUnavailable() })).toBe(true); // a copy of the mapped error
    expect(isDatabaseUnavailable({ message: "The database cannot be reached right now" })).toBe(false); // text alone is not enough
  });
  it("leaves query errors, constraint violations and refusals alone", () => {
    expect(isDatabaseUnavailable(withCode("23505", "duplicate key value violates unique constraint"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("P2002"))).toBe(false);
    expect(isDatabaseUnavailable(new AppError("no", "forbidden"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
  it("becomes an AppError 'unavailable' whose digest the page error recognises", () => {
    const e = databaseUnavailable();
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe("unavailable");
    expect((e as unknown as { digest: string }).digest).toBe(DB_UNAVAILABLE_DIGEST);
    expect(e.message).toMatch(/database cannot be reached right now/);
    expect(() => mapUnavailable(withCode("ECONNREFUSED"))).toThrow(/database cannot be reached/);
    const other = withCode("23505");
    expect(() => mapUnavailable(other)).toThrow(other);
  });
});
