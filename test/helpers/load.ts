/**
 * Requests sent without pause by a few workers until told to stop, counting what came back: a status, or a
 * network error (a refused or cut connection, as when the server has gone).
 */
export interface Load {
  /** Resolves once at least `count` requests have been answered with a 2xx. */
  answered(count: number): Promise<void>;
  /** Stops the workers, and says what each request got. */
  stop(): Promise<{ statuses: number[]; networkErrors: number }>;
}

export function startLoad(request: (serial: number) => Promise<number>, workers = 4): Load {
  const statuses: number[] = [];
  let networkErrors = 0;
  let running = true;
  let serial = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const ok = () => statuses.filter((status) => status >= 200 && status < 300).length;
  const worker = async () => {
    while (running) {
      try {
        statuses.push(await request(serial++));
        for (const waiter of waiters.filter((w) => ok() >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      } catch {
        networkErrors += 1;
        // The server is gone or going: try again shortly rather than spin.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));
  return {
    answered: (count) =>
      ok() >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    stop: async () => {
      running = false;
      await done;
      return { statuses, networkErrors };
    },
  };
}
