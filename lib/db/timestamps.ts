/**
 * Postgres renders timestamptz (session zone UTC) as `2025-02-01 09:30:00.123456+00`.
 * The API speaks ISO-8601 with an offset: `2025-02-01T09:30:00.123456+00:00`.
 * Microseconds are kept: keyset cursors compare them.
 */
export function isoFromPg(text: string): string {
  const m = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`unexpected timestamptz text: ${text}`);
  return `${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`;
}
