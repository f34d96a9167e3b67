import { isoFromPg } from '../../../lib/db/timestamps.ts';
import { badUserInput, notFound } from '../../../lib/errors.ts';
import { formatGlobalId } from '../../../lib/global-id.ts';
import type { RegionContext } from '../context.ts';
import {
  candidatePage, countCandidates, eraseCandidate, insertCandidate, updateCandidate,
  type CandidateFilter, type CandidateRow, type NewCandidate,
} from '../data/candidates.ts';
import { occupation } from '../domain/isco.ts';
import * as m from '../domain/matching-input.ts';
import * as v from '../domain/validate.ts';
import { requireAction, requireRows, requireWrite } from '../policy.ts';
import { connection } from './connection.ts';
import { asIntroduction } from './introductions.ts';
import { ownUuid, type Typed } from './lookup.ts';

/** Pseudonymous candidate profiles: only the owner's WSP staff read or write them. */

export type CandidateNode = Typed<CandidateRow, 'CandidateProfile'>;
export const asCandidate = (row: CandidateRow): CandidateNode => ({ ...row, __typename: 'CandidateProfile' });

interface CandidateInput {
  owner: string;
  postcode4: string;
  ageBand: string;
  hoursPerWeek: number;
  availableFrom: string;
  educationLevel: string;
  occupations: string[];
  skills?: string[] | null;
  languages?: { code: string; level: string }[] | null;
  drivingLicence?: boolean | null;
  supportAvailable: boolean;
}
type UpdateInput = { [K in keyof Omit<CandidateInput, 'owner'>]?: CandidateInput[K] | null } & { status?: string | null };

/** A candidate of this owner (WSP staff only: FORBIDDEN for anyone else, also for other owners' IDs). */
export async function loadCandidate(ctx: RegionContext, id: string): Promise<CandidateNode | null> {
  requireRows(ctx.viewer, ctx.owner.code, 'CandidateProfile');
  const uuid = ownUuid(ctx, id, 'CandidateProfile');
  const row = uuid ? await ctx.loaders.candidate.load(uuid) : null;
  return row ? asCandidate(row) : null;
}

function ownCandidateUuid(ctx: RegionContext, id: string): string {
  const uuid = ownUuid(ctx, id, 'CandidateProfile');
  if (!uuid) throw badUserInput(`${id} is not a candidate of owner "${ctx.owner.code}".`, { field: 'id' });
  return uuid;
}

export const candidateQueries = {
  candidateProfile: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadCandidate(ctx, id),
  async candidateProfiles(_: unknown, args: { owner: string; filter?: CandidateFilter | null; first: number; after?: string | null }, ctx: RegionContext) {
    requireRows(ctx.viewer, ctx.owner.code, 'CandidateProfile');
    const filter = { ...args.filter, occupations: m.occupationPrefixes(args.filter?.occupations) };
    const page = await candidatePage(ctx.db, ctx.owner.code, { filter, first: v.pageSize(args.first), after: args.after });
    return connection({ ...page, rows: page.rows.map(asCandidate) }, () => countCandidates(ctx.db, filter));
  },
};

export const CandidateMutation = {
  async registerCandidate(_: unknown, { input }: { input: CandidateInput }, ctx: RegionContext) {
    if (input.owner !== ctx.owner.code) throw badUserInput(`This service holds owner "${ctx.owner.code}", not "${input.owner}".`);
    requireWrite(ctx.viewer, ctx.owner.code, 'CandidateProfile');
    const row: NewCandidate = {
      id: crypto.randomUUID(), // the pseudonym: random, never derived from anything about the person
      postcode4: v.postcode4(input.postcode4),
      ageBand: input.ageBand,
      hoursPerWeek: m.hoursPerWeek('hoursPerWeek', input.hoursPerWeek),
      availableFrom: input.availableFrom,
      educationLevel: input.educationLevel,
      occupationCodes: m.occupationCodes(input.occupations),
      skills: m.skills(input.skills),
      languages: m.languages(input.languages),
      drivingLicence: input.drivingLicence ?? null,
      supportAvailable: input.supportAvailable,
      status: 'ACTIVE',
    };
    return asCandidate(await insertCandidate(ctx.db, ctx.viewer, row));
  },

  async updateCandidate(_: unknown, { id, input }: { id: string; input: UpdateInput }, ctx: RegionContext) {
    const uuid = ownCandidateUuid(ctx, id);
    requireWrite(ctx.viewer, ctx.owner.code, 'CandidateProfile');
    const changes: Partial<NewCandidate> = {};
    if (input.postcode4 != null) changes.postcode4 = v.postcode4(input.postcode4);
    if (input.ageBand != null) changes.ageBand = input.ageBand;
    if (input.hoursPerWeek != null) changes.hoursPerWeek = m.hoursPerWeek('hoursPerWeek', input.hoursPerWeek);
    if (input.availableFrom != null) changes.availableFrom = input.availableFrom;
    if (input.educationLevel != null) changes.educationLevel = input.educationLevel;
    if (input.occupations != null) changes.occupationCodes = m.occupationCodes(input.occupations);
    if (input.skills != null) changes.skills = m.skills(input.skills);
    if (input.languages != null) changes.languages = m.languages(input.languages);
    if (input.drivingLicence !== undefined) changes.drivingLicence = input.drivingLicence;
    if (input.supportAvailable != null) changes.supportAvailable = input.supportAvailable;
    if (input.status != null) changes.status = input.status;
    const updated = await updateCandidate(ctx.db, ctx.viewer, uuid, changes);
    if (!updated) throw notFound(`No candidate ${id}.`);
    return asCandidate(updated);
  },

  async eraseCandidate(_: unknown, { id }: { id: string }, ctx: RegionContext) {
    const uuid = ownCandidateUuid(ctx, id);
    requireAction(ctx.viewer, ctx.owner.code, 'CandidateProfile', 'erase');
    const erased = await eraseCandidate(ctx.db, ctx.viewer, ctx.owner.code, uuid);
    if (!erased) throw notFound(`No candidate ${id} (already erased?).`);
    return erased;
  },
};

/** The fields every view of a candidate shares (the owner's profile and the pseudonymous match view). */
const sharedFields = {
  id: (r: CandidateRow, _: unknown, ctx: RegionContext) => formatGlobalId(ctx.owner.code, 'CandidateProfile', r.id),
  owner: (_: CandidateRow, __: unknown, ctx: RegionContext) => ({ code: ctx.owner.code }),
  occupations: (r: CandidateRow) => r.occupationCodes.map(occupation),
  languages: (r: CandidateRow) => r.languages.map(m.languageOf),
};

export const MatchedCandidate = sharedFields;

export const CandidateProfile = {
  ...sharedFields,
  __resolveReference: (ref: { id: string }, ctx: RegionContext) => loadCandidate(ctx, ref.id),
  introductions: async (r: CandidateRow, _: unknown, ctx: RegionContext) => (await ctx.loaders.introductionsOfCandidate.load(r.id)).map(asIntroduction),
  createdAt: (r: CandidateRow) => isoFromPg(r.createdAt),
  updatedAt: (r: CandidateRow) => isoFromPg(r.updatedAt),
};
