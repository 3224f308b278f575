// One way to show a moment in the console: UTC, ISO order, to the minute or the second.
export function utcTime(date: Date, precision: "minute" | "second" = "second"): string {
  return `${date.toISOString().slice(0, precision === "minute" ? 16 : 19).replace("T", " ")} UTC`;
}
