/**
 * The key a name is ordered by: no diacritics, lower case, single spaces.
 * Stored in a `COLLATE "C"` column, so Postgres and the router's merge compare the same bytes
 * ("Één" sorts with "een", "Café" with "cafe"; "Ø" has no decomposition and stays "ø").
 */
export function sortKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
