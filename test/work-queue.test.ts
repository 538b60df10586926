import { describe, expect, it, vi } from "vitest";
import { createWorkQueue } from "../adapters/http/work-queue.ts";

/** A task that runs until the test releases it, and records that it started. */
function gatedTask(started: number[], id: number) {
  let release: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release: () => release(),
    task: async () => {
      started.push(id);
      await done;
    },
  };
}

describe("the work queue", () => {
  it("runs tasks in order, never more than its concurrency at once, and drains", async () => {
    const started: number[] = [];
    const queue = createWorkQueue({ concurrency: 2, capacity: 10, onError: () => {} });
    const tasks = [1, 2, 3, 4].map((id) => gatedTask(started, id));
    for (const { task } of tasks) expect(queue.push(task)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2]);
    tasks[0]?.release();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2, 3]);
    const drained = queue.drain();
    for (const { release } of tasks) release();
    await drained;
    expect(started).toEqual([1, 2, 3, 4]);
    expect(queue.size).toBe(0);
  });

  it("refuses work beyond its capacity, and reports a task's failure", async () => {
    const errors: unknown[] = [];
    const queue = createWorkQueue({ concurrency: 1, capacity: 2, onError: (error) => errors.push(error) });
    expect(queue.push(async () => Promise.reject(new Error("boom")))).toBe(true);
    expect(queue.push(async () => {})).toBe(true);
    expect(queue.push(async () => {})).toBe(false);
    await queue.drain();
    expect(errors).toEqual([new Error("boom")]);
  });

  it("starts no task while requests keep arriving, and the whole concurrency once they stop", async () => {
    const started: number[] = [];
    const clock = { now: 0 };
    const queue = createWorkQueue({
      concurrency: 2,
      capacity: 10,
      onError: () => {},
      quietMs: 5,
      now: () => clock.now,
    });
    const tasks = [1, 2, 3].map((id) => gatedTask(started, id));
    queue.arrived();
    for (const { task } of tasks) queue.push(task);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([]);
    clock.now = 5;
    await vi.waitFor(() => expect(started).toEqual([1, 2]));
    for (const { release } of tasks) release();
    await queue.drain();
    expect(started).toEqual([1, 2, 3]);
  });

  it("starts overdue work one task at a time while requests go on arriving", async () => {
    const started: number[] = [];
    const clock = { now: 0 };
    const queue = createWorkQueue({
      concurrency: 4,
      capacity: 10,
      onError: () => {},
      quietMs: 5,
      maxDeferMs: 100,
      now: () => clock.now,
    });
    const tasks = [1, 2, 3].map((id) => gatedTask(started, id));
    queue.arrived();
    for (const { task } of tasks) queue.push(task);
    clock.now = 100;
    queue.arrived();
    await vi.waitFor(() => expect(started).toEqual([1]));
    tasks[0]?.release();
    clock.now = 200;
    await vi.waitFor(() => expect(started).toEqual([1, 2, 3]));
    for (const { release } of tasks) release();
    await queue.drain();
  });
});
