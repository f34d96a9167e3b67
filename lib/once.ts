/** A stop function that is safe to call twice (tests and signal handlers both call it). */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
