import { customType } from 'drizzle-orm/pg-core';

/** Text compared byte by byte (`COLLATE "C"`): keyset cursors compare the same bytes in JS. */
export const byteOrderedText = customType<{ data: string }>({
  dataType: () => 'text COLLATE "C"',
});

/** A stored full-text vector; filled by a generated column, never written by the application. */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/** A 64-bit transaction id (`pg_current_xact_id()`), kept as its decimal text. */
export const xid8 = customType<{ data: string }>({
  dataType: () => 'xid8',
});
