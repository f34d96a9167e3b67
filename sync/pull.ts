/**
 * The reference client of the change feed: pulls pages from the gateway, hands each page to a
 * sink, and continues from the cursor the sink saved. A sink stores a page's changes and its
 * cursor together (Postgres: one transaction) or changes first, cursor after (a file): either
 * way a crash repeats at most one page, which the receiver dedupes by (id, version).
 */

export const CHANGES_QUERY = /* GraphQL */ `
  query Changes($since: String, $first: Int, $types: [ChangeRecordType!], $owner: ID) {
    changes(since: $since, first: $first, types: $types, owner: $owner) {
      edges {
        cursor
        node {
          id owner type kind version at
          externalIds { system externalId }
          socialEnterprise {
            id name kvkNumber establishmentNumber legalForm municipality { code } postcode4 description website
            impactThemes staffTotal staffWithDistance capabilities
            recognitions { scheme issuedBy validFrom validUntil }
            updatedAt
          }
          offering {
            id enterprise { id } name description kind category { code } cpvCode price { amount unit }
            serviceArea { code } countsForSocialReturn socialReturnNote updatedAt
          }
        }
      }
      pageInfo { hasNextPage endCursor }
      missingOwners
    }
  }`;

export interface Change {
  id: string;
  owner: string;
  type: 'SOCIAL_ENTERPRISE' | 'OFFERING';
  kind: 'CREATED' | 'UPDATED' | 'DELETED';
  version: number;
  at: string;
  externalIds: { system: string; externalId: string }[] | null;
  socialEnterprise: Record<string, unknown> | null;
  offering: Record<string, unknown> | null;
}

export interface Sink {
  /** The cursor saved by the last page written, or null to start from the beginning. */
  savedCursor(): Promise<string | null>;
  /** Stores a page of changes and the cursor after it. */
  write(changes: readonly Change[], cursor: string): Promise<void>;
  close(): Promise<void>;
}

export interface PullOptions {
  url: string;
  headers?: Record<string, string>;
  pageSize?: number;
  types?: Change['type'][];
  /** Only this owner's feed. */
  owner?: string;
  /** Called after each page is written. */
  onPage?: (page: { changes: readonly Change[]; cursor: string; missingOwners: string[] }) => void;
}

export class FeedError extends Error {
  constructor(message: string, readonly errors: { message: string; extensions?: Record<string, unknown> }[]) {
    super(message);
  }
}

interface FeedResponse {
  data?: { changes: { edges: { cursor: string; node: Change }[]; pageInfo: { hasNextPage: boolean; endCursor: string }; missingOwners: string[] } | null };
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Pulls until the feed has nothing more ready; returns the last cursor and the owners that did not answer. */
export async function pull(sink: Sink, options: PullOptions): Promise<{ cursor: string | null; changes: number; missingOwners: string[] }> {
  let cursor = await sink.savedCursor();
  let total = 0;
  const missing = new Set<string>();
  for (;;) {
    const res = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-client-name': 'srh-sync', ...options.headers },
      body: JSON.stringify({ query: CHANGES_QUERY, variables: { since: cursor, first: options.pageSize ?? 100, types: options.types, owner: options.owner } }),
    });
    const body = (await res.json()) as FeedResponse;
    const feed = body.data?.changes;
    // An owner that is down keeps its position; anything else stops the pull.
    const fatal = (body.errors ?? []).filter((e) => e.extensions?.code !== 'OWNER_UNAVAILABLE');
    if (!feed || fatal.length) {
      const expired = fatal.find((e) => e.extensions?.code === 'CURSOR_EXPIRED');
      throw new FeedError(expired
        ? `${expired.message} (owner ${String(expired.extensions?.owner)}; restartCursor ${String(expired.extensions?.restartCursor)})`
        : `The feed answered with errors: ${(fatal.length ? fatal : body.errors ?? []).map((e) => e.message).join('; ') || `HTTP ${res.status}`}`, fatal);
    }
    feed.missingOwners.forEach((o) => missing.add(o));
    const changes = feed.edges.map((e) => e.node);
    if (changes.length || feed.pageInfo.endCursor !== cursor) await sink.write(changes, feed.pageInfo.endCursor);
    cursor = feed.pageInfo.endCursor;
    total += changes.length;
    options.onPage?.({ changes, cursor, missingOwners: feed.missingOwners });
    if (!feed.pageInfo.hasNextPage) return { cursor, changes: total, missingOwners: [...missing].sort() };
  }
}
