/**
 * A duration setting given in seconds (e.g. `UPSTREAM_TIMEOUT_S="300"`), as milliseconds. Unset,
 * empty, non-numeric, zero or negative values fall back to the default: a typo must never turn a
 * timeout off or make it fire at once.
 */
export function secondsSetting(value: unknown, defaultSeconds: number): number {
  const seconds = typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : defaultSeconds) * 1000;
}
