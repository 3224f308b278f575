import { describe, expect, it } from "vitest";
import { withoutHandWrittenIndexes } from "./create-migration";

describe("withoutHandWrittenIndexes", () => {
  it("leaves out the statements about an index schema.prisma cannot declare, keeps the rest", () => {
    const sql = '-- DropIndex\nDROP INDEX "AuditEvent_chainKey_target_trgm_idx";\n\n-- AlterTable\nALTER TABLE "User" ADD COLUMN "x" TEXT;\n';
    expect(withoutHandWrittenIndexes(sql)).toBe('-- AlterTable\nALTER TABLE "User" ADD COLUMN "x" TEXT;\n');
  });

  it("is 'no changes' when only such statements remain", () => {
    expect(withoutHandWrittenIndexes('-- DropIndex\nDROP INDEX "AuditEvent_chainKey_target_trgm_idx";\n')).toBeNull();
  });
});
