import { appendFile, open, readFile, rename, writeFile } from 'node:fs/promises';
import type { Change, Sink } from './pull.ts';

/**
 * Appends each change as one JSON line to a file and keeps the cursor beside it
 * (`<file>.cursor`). The lines are flushed to disk before the cursor moves, so a crash
 * repeats changes (dedupe by id and version) and never skips any.
 */
export function jsonlSink(file: string): Sink {
  const cursorFile = `${file}.cursor`;
  return {
    async savedCursor() {
      try {
        return (JSON.parse(await readFile(cursorFile, 'utf8')) as { cursor: string }).cursor;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async write(changes: readonly Change[], cursor: string) {
      if (changes.length) {
        await appendFile(file, changes.map((c) => `${JSON.stringify(c)}\n`).join(''));
        const handle = await open(file, 'r');
        try { await handle.sync(); } finally { await handle.close(); }
      }
      // Write-then-rename: the cursor file is always whole.
      await writeFile(`${cursorFile}.tmp`, JSON.stringify({ cursor, savedAt: new Date().toISOString() }));
      await rename(`${cursorFile}.tmp`, cursorFile);
    },
    async close() {},
  };
}
