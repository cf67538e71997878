import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromToolCallId, randomCallId, toToolCallId } from "../../../src/gemini/tool-call-id.ts";

const SIGNATURE = "CiQBjz1rX2FsaWNlLXNpZ25hdHVyZS0xAAEC/+8=";

describe("tool call ids carrying thought signatures", () => {
  it("keeps ids to [A-Za-z0-9_-] for base64 signatures and restores them exactly", () => {
    const id = toToolCallId("call_abc", SIGNATURE);
    expect(id).toBe("call_abc__ts_bCiQBjz1rX2FsaWNlLXNpZ25hdHVyZS0xAAEC_-8");
    expect(fromToolCallId(id)).toEqual({ baseId: "call_abc", signature: SIGNATURE });
  });

  it("round-trips any base64 signature (property)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 600 }),
        fc.stringMatching(/^[A-Za-z0-9]{1,30}$/),
        (bytes, base) => {
          const signature = btoa(String.fromCharCode(...bytes));
          const id = toToolCallId(base, signature);
          expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(fromToolCallId(id)).toEqual({ baseId: base, signature });
        },
      ),
    );
  });

  it("round-trips signatures that are not base64 through their UTF-8 bytes (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: "grapheme" }), (signature) => {
        expect(fromToolCallId(toToolCallId("call_x", signature)).signature).toBe(signature);
      }),
    );
  });

  it("leaves ids without a signature alone", () => {
    expect(toToolCallId("call_1", undefined)).toBe("call_1");
    expect(fromToolCallId("call_1")).toEqual({ baseId: "call_1" });
    expect(fromToolCallId("toolu_01__ts_!!")).toEqual({ baseId: "toolu_01__ts_!!" });
  });

  it("makes distinct random ids when none is given", () => {
    const first = randomCallId();
    expect(first).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(randomCallId()).not.toBe(first);
    expect(toToolCallId(undefined, undefined)).toMatch(/^call_/);
  });
});
