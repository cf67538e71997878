import { describe, expect, it } from "vitest";
import { mapInOrder } from "../../../../src/surfaces/openai/map-in-order.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("mapInOrder", () => {
  it("answers in the items' order with at most `limit` tasks running", async () => {
    let running = 0;
    let most = 0;
    const results = await mapInOrder([5, 1, 4, 2, 3, 0], 2, async (item, index) => {
      most = Math.max(most, ++running);
      for (let wait = 0; wait < item; wait++) await tick();
      running--;
      return `${index}:${item}`;
    });
    expect(results).toEqual(["0:5", "1:1", "2:4", "3:2", "4:3", "5:0"]);
    expect(most).toBe(2);
  });

  it("rejects with the first failure and starts no task after it", async () => {
    const started: number[] = [];
    await expect(
      mapInOrder([0, 1, 2, 3, 4, 5], 2, async (item) => {
        started.push(item);
        await tick();
        if (item === 1) throw new Error("batch 1 failed");
        return item;
      }),
    ).rejects.toThrow("batch 1 failed");
    expect(started).toEqual([0, 1, 2]);
  });

  it("answers an empty list at once", async () => {
    expect(await mapInOrder([], 3, async () => 1)).toEqual([]);
  });
});
