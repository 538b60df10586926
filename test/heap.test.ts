import { describe, expect, it } from "vitest";
import { seededRandom } from "../scripts/bench/corpus.ts";
import { createHeap } from "../src/search/heap.ts";

describe("createHeap", () => {
  it("gives every item once, in the order of the comparison", () => {
    const next = seededRandom(7);
    const items = Array.from({ length: 500 }, () => Math.floor(next() * 100));
    const heap = createHeap([...items], (a, b) => b - a);
    const popped: number[] = [];
    for (let item = heap.pop(); item !== undefined; item = heap.pop()) popped.push(item);
    expect(popped).toEqual([...items].sort((a, b) => b - a));
  });

  it("is empty at once for no items", () => {
    expect(createHeap<number>([], (a, b) => a - b).pop()).toBeUndefined();
  });
});
