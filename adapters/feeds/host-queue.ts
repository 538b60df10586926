/** Runs tasks one at a time per host, so the bot never has two requests open to one server. */
export interface HostQueue {
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
}

/** Creates a {@link HostQueue}; hosts with no pending task are forgotten. */
export function createHostQueue(): HostQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(url, task) {
      const host = URL.canParse(url) ? new URL(url).host : url;
      const previous = tails.get(host) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(host, tail);
      void tail.then(() => {
        if (tails.get(host) === tail) tails.delete(host);
      });
      return result;
    },
  };
}
