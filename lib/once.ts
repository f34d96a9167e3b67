/** A stop function that is safe to call twice (tests and signal handlers both call it). */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

/** The same, for a stop that takes an argument (a shutdown deadline): the first call's wins. */
export function onceWith<T>(fn: (arg?: T) => Promise<void>): (arg?: T) => Promise<void> {
  let running: Promise<void> | undefined;
  return (arg?: T) => (running ??= fn(arg));
}
