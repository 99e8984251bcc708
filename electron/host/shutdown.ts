const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const SIGNAL_EXIT_CODES: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Stops a command in order when it is asked to (SIGINT from the terminal, SIGTERM from a service manager):
 * `stop` finishes the work under way and closes what the command opened; the process then exits, 0 for a
 * service asked to stop (`completed`), or as interrupted for a command cut short. A second signal while it
 * stops ends the process at once, for an operator who will not wait. Returns a function that stops listening.
 */
export function stopOnSignals(stop: () => Promise<void>, options: { readonly completed: boolean }): () => void {
  let stopping = false;
  const onSignal = (signal: (typeof SIGNALS)[number]) => {
    if (stopping) process.exit(SIGNAL_EXIT_CODES[signal]);
    stopping = true;
    stop().then(
      () => process.exit(options.completed ? 0 : SIGNAL_EXIT_CODES[signal]),
      (error: unknown) => {
        console.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}
