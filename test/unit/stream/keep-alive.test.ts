import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { KeepAlive } from "../../../src/stream/keep-alive.ts";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("KeepAlive", () => {
  it("sends every interval while the stream waits on a silent upstream", () => {
    const send = vi.fn();
    const keepAlive = new KeepAlive(send, 15_000);
    keepAlive.waiting(true);
    vi.advanceTimersByTime(14_999);
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(45_000);
    expect(send).toHaveBeenCalledTimes(4);
    keepAlive.stop();
    vi.advanceTimersByTime(60_000);
    expect(send).toHaveBeenCalledTimes(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("counts the interval from the last thing sent, and sends nothing while chunks keep coming", () => {
    const send = vi.fn();
    const keepAlive = new KeepAlive(send, 15_000);
    for (let chunk = 0; chunk < 100; chunk++) {
      keepAlive.waiting(true);
      vi.advanceTimersByTime(1_000);
      keepAlive.waiting(false);
      keepAlive.sent();
    }
    expect(send).not.toHaveBeenCalled();
    keepAlive.waiting(true);
    vi.advanceTimersByTime(14_000);
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(send).toHaveBeenCalledTimes(1);
    keepAlive.stop();
  });

  it("uses one timer per stream, not one per chunk", () => {
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const keepAlive = new KeepAlive(() => {}, 15_000);
    for (let chunk = 0; chunk < 1_000; chunk++) {
      keepAlive.waiting(true);
      vi.advanceTimersByTime(10);
      keepAlive.waiting(false);
      keepAlive.sent();
    }
    // 10 s of chunks: the one timer has not even fired once.
    expect(setTimeoutSpy.mock.calls.length).toBe(1);
    keepAlive.stop();
    setTimeoutSpy.mockRestore();
  });

  it("sends nothing while the client, not the upstream, is the slow one", () => {
    const send = vi.fn();
    const keepAlive = new KeepAlive(send, 15_000);
    keepAlive.waiting(true);
    keepAlive.waiting(false); // a chunk arrived; the client has not asked for the next yet
    vi.advanceTimersByTime(60_000);
    expect(send).not.toHaveBeenCalled();
    keepAlive.stop();
  });
});
