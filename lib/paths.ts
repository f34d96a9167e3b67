import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever the process was started from. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const MIGRATIONS = {
  catalog: join(ROOT, 'drizzle', 'catalog', 'migrations'),
  region: join(ROOT, 'drizzle', 'region', 'migrations'),
};
