import { describe, expect, it } from "vitest";
import { nextPacificMidnight } from "../../../src/pool/pacific-midnight.ts";

describe("nextPacificMidnight", () => {
  it("is 08:00 UTC in winter (PST) and 07:00 UTC in summer (PDT)", () => {
    expect(new Date(nextPacificMidnight(Date.parse("2026-01-15T12:00:00Z"))).toISOString()).toBe(
      "2026-01-16T08:00:00.000Z",
    );
    expect(new Date(nextPacificMidnight(Date.parse("2026-07-15T06:59:59Z"))).toISOString()).toBe(
      "2026-07-15T07:00:00.000Z",
    );
  });

  it("is the following midnight when it is exactly midnight", () => {
    expect(new Date(nextPacificMidnight(Date.parse("2026-01-16T08:00:00Z"))).toISOString()).toBe(
      "2026-01-17T08:00:00.000Z",
    );
  });

  it("handles the days daylight saving time starts and ends", () => {
    // 2026-03-08: clocks go forward at 02:00 PST; the next midnight is in PDT.
    expect(new Date(nextPacificMidnight(Date.parse("2026-03-08T12:00:00Z"))).toISOString()).toBe(
      "2026-03-09T07:00:00.000Z",
    );
    // 2026-11-01: clocks go back at 02:00 PDT; the next midnight is in PST.
    expect(new Date(nextPacificMidnight(Date.parse("2026-11-01T12:00:00Z"))).toISOString()).toBe(
      "2026-11-02T08:00:00.000Z",
    );
  });
});
