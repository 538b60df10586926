import { describe, expect, it } from "vitest";
import { createBoundedMap } from "../src/bounded-map.ts";

describe("the bounded map", () => {
  it("forgets the least recently set entry once it is full", () => {
    const map = createBoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 3);
    map.set("c", 4);
    expect(map.size).toBe(2);
    expect(map.has("b")).toBe(false);
    expect(map.get("a")).toBe(3);
    expect(map.get("c")).toBe(4);
  });

  it("refuses a capacity below one", () => {
    expect(() => createBoundedMap(0)).toThrow(RangeError);
  });
});
