import { describe, expect, it } from "vitest";
import { createIntList, pushInt, withRoom } from "../src/search/int-list.ts";

describe("IntList", () => {
  it("keeps every entry in order as it grows", () => {
    const list = createIntList();
    for (let i = 0; i < 1000; i++) pushInt(list, i * 7);
    expect(list.length).toBe(1000);
    expect([...list.values.subarray(0, list.length)]).toEqual(Array.from({ length: 1000 }, (_, i) => i * 7));
  });

  it("grows an array only when it lacks room, keeping its entries", () => {
    const values = Int32Array.from([1, 2, 3]);
    expect(withRoom(values, 3)).toBe(values);
    const grown = withRoom(values, 10);
    expect(grown.length).toBeGreaterThanOrEqual(10);
    expect([...grown.subarray(0, 3)]).toEqual([1, 2, 3]);
  });
});
