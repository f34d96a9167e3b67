/**
 * Who is asking. The gateway authenticates (JWT, API key, or nobody) and passes this to the
 * services, signed; services decide what it may see and do (subgraphs/region/policy.ts).
 */
export const ROLES = ['public', 'contractor', 'municipality', 'wsp', 'partner', 'analyst', 'service'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  /** Stable subject: a user id, `apikey:<name>`, `service:<name>`, or `anonymous`. */
  subject: string;
  roles: Role[];
  /** Owner codes this identity acts for (staff, partners, contractors); empty for public and analysts. */
  owners: string[];
  /** KvK number of the contractor's organisation. */
  organisation?: string;
  /** The client application, when it names itself (`apollographql-client-name` / `x-client-name`). */
  client?: string;
}

export const ANONYMOUS: Identity = { subject: 'anonymous', roles: ['public'], owners: [] };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return identity.roles.some((r) => roles.includes(r));
}

/** Acts for this owner in one of these roles. */
export function actsFor(identity: Identity, owner: string, ...roles: Role[]): boolean {
  return hasRole(identity, ...roles) && identity.owners.includes(owner);
}
