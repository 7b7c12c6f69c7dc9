const running = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after any earlier work under the same key has finished. For calls that prepare
 * something outside the store's queue (a PDF, a blob) before their mutation: a second tap waits
 * and then meets the state the first one left, instead of racing it.
 */
export function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const run = (running.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
  running.set(key, run);
  void run
    .finally(() => {
      if (running.get(key) === run) running.delete(key);
    })
    .catch(() => undefined);
  return run;
}
