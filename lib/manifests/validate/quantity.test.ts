import { describe, expect, test } from "vitest";
import { compareQuantities, isQuantity, parseQuantity } from "./quantity";

describe("quantities", () => {
  test.each([
    ["500m", 0.5], ["1", 1], ["2.5", 2.5], [".5", 0.5], ["1k", 1000], ["1Ki", 1024], ["1Mi", 2 ** 20],
    ["1Gi", 2 ** 30], ["1G", 1e9], ["1e3", 1000], ["1E3", 1000], ["100n", 1e-7], ["3u", 3e-6], ["+1", 1], ["-2Gi", -(2 ** 31)],
    ["1.5Ti", 1.5 * 2 ** 40], ["2Pi", 2 * 2 ** 50], ["1Ei", 2 ** 60], ["5.", 5],
  ])("%s = %d", (text, value) => {
    expect(parseQuantity(text)! / value).toBeCloseTo(1, 12);
  });

  test.each(["", "m", "1 Gi", "1gi", "1GB", "1.2.3", "0x10", "Gi", "1e", "--1", "1K", "one"])("%j is not a quantity", (text) => {
    expect(isQuantity(text)).toBe(false);
    expect(parseQuantity(text)).toBeNull();
  });

  test("comparison across units", () => {
    expect(compareQuantities("1Gi", "1024Mi")).toBe(0);
    expect(compareQuantities("1", "1000m")).toBe(0);
    expect(compareQuantities("500m", "1")).toBe(-1);
    expect(compareQuantities("1G", "1Gi")).toBe(-1);
    expect(compareQuantities("2", "1500m")).toBe(1);
    expect(compareQuantities("x", "1")).toBeNull();
  });
});
