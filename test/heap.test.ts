import { describe, expect, it } from "vitest";
import { seededRandom } from "../scripts/bench/corpus.ts";
import { createPositionHeap } from "../src/search/heap.ts";

describe("createPositionHeap", () => {
  it("gives every position once, by key descending and equal keys by tie ascending", () => {
    const next = seededRandom(7);
    const keys = Float64Array.from({ length: 500 }, () => Math.floor(next() * 20) / 20);
    const ties = Int32Array.from({ length: 500 }, () => Math.floor(next() * 1000));
    const positions = Int32Array.from({ length: 500 }, (_, i) => i);
    const heap = createPositionHeap(positions.slice(), keys, ties);
    const popped: number[] = [];
    for (let item = heap.pop(); item !== undefined; item = heap.pop()) popped.push(item);
    const expected = [...positions].sort(
      (a, b) => (keys[b] ?? 0) - (keys[a] ?? 0) || (ties[a] ?? 0) - (ties[b] ?? 0),
    );
    expect(popped.map((p) => [keys[p], ties[p]])).toEqual(expected.map((p) => [keys[p], ties[p]]));
  });

  it("is empty at once for no positions", () => {
    expect(createPositionHeap(new Int32Array(0), new Float64Array(0), []).pop()).toBeUndefined();
  });
});
