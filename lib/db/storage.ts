/** Where a service keeps its data: an embedded PGlite (a directory, or memory) or a PostgreSQL URL. */
export type Storage =
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'postgres'; url: string; maxConnections?: number };

/** `DATABASE_URL` wins; otherwise an embedded PGlite directory under `.data/`. */
export function storageFromEnv(serviceName: string, env = process.env): Storage {
  const url = env.DATABASE_URL;
  if (url) return { kind: 'postgres', url };
  return { kind: 'pglite', dataDir: `${env.DATA_DIR ?? '.data'}/${serviceName}` };
}
