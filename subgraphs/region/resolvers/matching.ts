import { badUserInput, forbidden } from '../../../lib/errors.ts';
import { formatGlobalId, parseGlobalId } from '../../../lib/global-id.ts';
import { compareCursors, decodeCursor, encodeCursor, type Cursor } from '../../../lib/keyset-cursor.ts';
import type { RegionContext } from '../context.ts';
import { activeCandidates } from '../data/candidates.ts';
import { matchScore, type MatchVacancy } from '../domain/match-score.ts';
import { pageSize } from '../domain/validate.ts';
import { mayMatchFor } from '../policy.ts';

/**
 * Matching is a fan-out with a ranked merge, like supplier suggestions: every owner scores its
 * OWN candidates for the vacancy and answers a page ordered by score (the cursor carries it),
 * which the router merge-sorts. Candidate rows never leave their owner except as the
 * pseudonymous `MatchedCandidate` of this page. The vacancy's criteria come from its owner:
 * read here when it is ours, else through the gateway as this service (mechanism 2).
 */
const ORDER = 'SCORE_DESC';

interface VacancyView { status: string; occupation: { code: string }; hoursMin: number; postcode4: string; skills: string[]; targetGroups: string[] }

async function criteriaOf(ctx: RegionContext, vacancyId: string, owner: string, uuid: string): Promise<MatchVacancy> {
  let found: VacancyView | null;
  if (owner === ctx.owner.code) {
    const row = await ctx.loaders.vacancy.load(uuid);
    found = row && { ...row, occupation: { code: row.occupationCode } };
  } else {
    const data = await ctx.gateway.query<{ vacancy: VacancyView | null }>(
      'query MatchVacancy($id: ID!) { vacancy(id: $id) { status occupation { code } hoursMin postcode4 skills targetGroups } }', { id: vacancyId });
    found = data.vacancy;
  }
  if (!found) throw badUserInput(`No published vacancy ${vacancyId}.`, { field: 'vacancyId' });
  if (found.status !== 'PUBLISHED') throw badUserInput(`Vacancy ${vacancyId} is ${found.status}: only published vacancies are matched.`, { field: 'vacancyId' });
  return { occupationCode: found.occupation.code, skills: found.skills, postcode4: found.postcode4, hoursMin: found.hoursMin, targetGroups: found.targetGroups };
}

function afterCursor(after: string | null | undefined): Cursor | null {
  if (after == null) return null;
  const cursor = decodeCursor(after);
  if (!cursor || cursor.order !== ORDER || cursor.keys.length !== 1 || cursor.keys[0].type !== 'int') {
    throw badUserInput('after is not a cursor of candidateMatches (use pageInfo.endCursor).', { field: 'after' });
  }
  return cursor;
}

export const matchingQueries = {
  async candidateMatches(_: unknown, args: { vacancyId: string; owner?: string | null; first: number; after?: string | null }, ctx: RegionContext) {
    const vacancy = parseGlobalId(args.vacancyId);
    if (!vacancy || vacancy.type !== 'Vacancy') throw badUserInput(`"${args.vacancyId}" is not a vacancy ID (<owner>:Vacancy:<uuid>).`, { field: 'vacancyId' });
    if (!mayMatchFor(ctx.viewer, vacancy.owner)) {
      throw forbidden(`Only the WSP staff of owner "${vacancy.owner}" match candidates for its vacancies.`);
    }
    const first = pageSize(args.first);
    const after = afterCursor(args.after);
    const criteria = await criteriaOf(ctx, args.vacancyId, vacancy.owner, vacancy.uuid);
    // Scored in the service, not in SQL: the distance needs the PC4 centroid table (a few
    // thousand active candidates per owner score in milliseconds).
    const ranked = (await activeCandidates(ctx.db)).map((row) => {
      const result = matchScore(criteria, row);
      const cursor: Cursor = { order: ORDER, keys: [{ type: 'int', dir: 'desc', value: String(result.score) }], id: formatGlobalId(ctx.owner.code, 'CandidateProfile', row.id) };
      return { row, result, cursor };
    }).filter((m) => !after || compareCursors(m.cursor, after) > 0)
      .sort((a, b) => compareCursors(a.cursor, b.cursor));
    const page = ranked.slice(0, first);
    const cursors = page.map((m) => encodeCursor(m.cursor));
    const nodes = page.map(({ row, result }) => ({
      candidate: row,
      score: result.score,
      factors: result.factors,
      distanceKm: result.distanceTenthsKm === null ? null : result.distanceTenthsKm / 10,
    }));
    return {
      edges: nodes.map((node, i) => ({ cursor: cursors[i], node })),
      nodes,
      pageInfo: { hasNextPage: ranked.length > first, hasPreviousPage: false, startCursor: cursors[0] ?? null, endCursor: cursors.at(-1) ?? null },
      missingOwners: [],
    };
  },
};
