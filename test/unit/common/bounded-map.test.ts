import { describe, expect, it } from "vitest";
import { BoundedMap } from "../../../common/bounded-map.ts";

describe("BoundedMap", () => {
  it("never holds more than its maximum, however many keys are set", () => {
    const map = new BoundedMap<string, number>(16);
    for (let index = 0; index < 10_000; index++) map.set(`key-${index}`, index);
    expect(map.size).toBe(16);
    expect(map.peek("key-9999")).toBe(9999);
    expect(map.peek("key-0")).toBeUndefined();
  });

  it("evicts the least recently used entry: a get counts as a use, a peek does not", () => {
    const map = new BoundedMap<string, number>(3);
    map.set("a", 1).set("b", 2).set("c", 3);
    map.get("a");
    map.peek("b");
    map.set("d", 4);
    expect([...map].map(([key]) => key)).toEqual(["c", "a", "d"]);
  });

  it("setting a key it holds replaces the value without evicting another", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1).set("b", 2).set("a", 3);
    expect(map.size).toBe(2);
    expect(map.peek("b")).toBe(2);
    expect(map.peek("a")).toBe(3);
  });

  it("sweeps what is stale and says how many entries went", () => {
    const map = new BoundedMap<string, number>(10);
    for (let index = 0; index < 10; index++) map.set(String(index), index);
    expect(map.sweep((value) => value % 2 === 0)).toBe(5);
    expect([...map.values()]).toEqual([1, 3, 5, 7, 9]);
  });

  it("refuses a maximum below one", () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });
});
