import { describe, expect, it } from 'vitest';
import { compareCursors, decodeCursor, encodeCursor, timestampKey, type Cursor } from '../../lib/keyset-cursor.ts';

const c = (value: string, id: string, type: Cursor['keys'][0]['type'] = 'text', dir: 'asc' | 'desc' = 'asc'): Cursor =>
  ({ order: 'X', keys: [{ type, dir, value }], id });

describe('keyset cursors', () => {
  it('round-trip, and anything else is refused', () => {
    const cursor = c('café de brug', 'den-haag:SocialEnterprise:00000000-0000-4000-8000-000000000001');
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of ['', 'abc', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('["X",[["float","asc","1"]],"i"]').toString('base64url'),
      Buffer.from('["X",[["int","asc","1.5"]],"i"]').toString('base64url')]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });

  it('text compares bytewise (COLLATE "C"), then the global ID', () => {
    const ids = ['rotterdam:S:1', 'den-haag:S:1', 'haaglanden-zhc:S:1'];
    const sorted = ids.map((id) => c('same', id)).sort(compareCursors).map((x) => x.id);
    expect(sorted).toEqual(['den-haag:S:1', 'haaglanden-zhc:S:1', 'rotterdam:S:1']);
    const names = ['ø', 'z', 'Z', 'é', 'e'].map((v) => c(v, 'a')).sort(compareCursors).map((x) => x.keys[0].value);
    expect(names).toEqual(['Z', 'e', 'z', 'é', 'ø']);
  });

  it('numbers compare numerically, descending when asked, ties by ID ascending', () => {
    const sorted = [c('9', 'b', 'int', 'desc'), c('10', 'b', 'int', 'desc'), c('10', 'a', 'int', 'desc'), c('-3', 'a', 'int', 'desc')]
      .sort(compareCursors).map((x) => `${x.keys[0].value}/${x.id}`);
    expect(sorted).toEqual(['10/a', '10/b', '9/b', '-3/a']);
    const decimals = ['10.5', '10.25', '9.99', '100'].map((v) => c(v, 'a', 'decimal')).sort(compareCursors).map((x) => x.keys[0].value);
    expect(decimals).toEqual(['9.99', '10.25', '10.5', '100']);
  });

  it('timestamps keep microseconds in a fixed width', () => {
    expect(timestampKey('2025-02-01 09:30:00.5+00')).toBe('2025-02-01T09:30:00.500000Z');
    expect(timestampKey('2025-02-01 09:30:00+00')).toBe('2025-02-01T09:30:00.000000Z');
    expect(timestampKey('2025-02-01 09:30:00.123456+00')).toBe('2025-02-01T09:30:00.123456Z');
    expect(() => timestampKey('2025-02-01 09:30:00+01')).toThrow('not in UTC');
  });
});
