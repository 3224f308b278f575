import { describe, expect, it } from "vitest";
import { english } from "@/lib/i18n/english";
import { parseReviewFilter } from "./review-filter";

describe("parseReviewFilter refusals", () => {
  // The page shows them in the reader's language, the API and the export in English.
  it("are catalogue messages, one per bad field, and the bad values are dropped", () => {
    const { filter, errors } = parseReviewFilter({ action: "deploy.nope", result: "maybe", from: "yesterday", actor: "Ana@Example.com" });
    expect(filter).toEqual({ actor: "ana@example.com" });
    expect(errors).toEqual({ action: { key: "validation.audit.action" }, result: { key: "validation.audit.result" }, from: { key: "validation.audit.time" } });
    expect(english(errors.result!)).toBe("Choose success or failure.");
    expect(english(errors.from!)).toBe("Use a date and time like 2026-01-31T09:30 (UTC).");
  });
});
