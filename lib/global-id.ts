/**
 * Global IDs name their owner: `<owner>:<Type>:<uuid>`, e.g. `rotterdam:SocialEnterprise:8f3c…`.
 * Clients treat them as opaque; the router reads the owner to route.
 */
export interface GlobalId {
  owner: string;
  type: string;
  uuid: string;
}

const PATTERN = /^([a-z0-9][a-z0-9-]{0,62}):([A-Z][A-Za-z]{0,62}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function formatGlobalId(owner: string, type: string, uuid: string): string {
  return `${owner}:${type}:${uuid}`;
}

/** Null when the text is not a well-formed global ID (any owner, any type). */
export function parseGlobalId(text: unknown): GlobalId | null {
  if (typeof text !== 'string') return null;
  const m = PATTERN.exec(text);
  return m ? { owner: m[1], type: m[2], uuid: m[3] } : null;
}
