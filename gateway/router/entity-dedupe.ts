import type { GraphQLFormattedError } from 'graphql';
import type { SubgraphRequest, SubgraphResponse } from './transport.ts';

/**
 * Apollo's planner sends one `_entities` representation per occurrence (350 offerings of 30
 * categories: 350 representations). For a plain subgraph (the catalog) send each distinct
 * representation once and give every occurrence its answer; errors are reported at the first
 * occurrence. Requests without `$representations` pass unchanged.
 */
export function dedupeEntities(request: SubgraphRequest): { request: SubgraphRequest; expand(response: SubgraphResponse): SubgraphResponse } {
  const reps = request.variables?.representations;
  if (!Array.isArray(reps)) return { request, expand: (r) => r };
  const slotOf = new Map<string, number>();
  const unique: unknown[] = [];
  const firstAt: number[] = [];
  const slots = reps.map((rep, i) => {
    const key = JSON.stringify(rep);
    let slot = slotOf.get(key);
    if (slot === undefined) { slot = unique.push(rep) - 1; slotOf.set(key, slot); firstAt.push(i); }
    return slot;
  });
  if (unique.length === reps.length) return { request, expand: (r) => r };
  return {
    request: { ...request, variables: { ...request.variables, representations: unique } },
    expand(response) {
      const got = response.data?._entities;
      const data = Array.isArray(got) ? { ...response.data, _entities: slots.map((s) => got[s] ?? null) } : response.data;
      const errors = response.errors?.map((e): GraphQLFormattedError => {
        const j = e.path?.[1];
        return e.path?.[0] === '_entities' && typeof j === 'number' && firstAt[j] !== undefined
          ? { ...e, path: ['_entities', firstAt[j], ...e.path.slice(2)] } : e;
      });
      return { ...(data !== undefined ? { data } : {}), ...(errors ? { errors } : {}) };
    },
  };
}
