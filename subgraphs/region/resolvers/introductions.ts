import { GraphQLError } from 'graphql';
import { isoFromPg } from '../../../lib/db/timestamps.ts';
import { badUserInput, conflict, ErrorCode, forbidden, notFound } from '../../../lib/errors.ts';
import { formatGlobalId, parseGlobalId } from '../../../lib/global-id.ts';
import type { RegionContext } from '../context.ts';
import { insertIntroduction, moveIntroduction, type IntroductionRow, type IntroductionStatus } from '../data/introductions.ts';
import { isUniqueViolation } from '../data/writes.ts';
import { actsFor, hasRole } from '../../../lib/identity.ts';
import { isAskingSide, requireAction } from '../policy.ts';
import { ownUuid, type Typed } from './lookup.ts';

/**
 * The introduction workflow (Kandidatenverkenner pattern, DOMAIN.md §4.3): an employer asks
 * about a pseudonymous candidate → the candidate's WSP advisor contacts the candidate → the
 * candidate consents or refuses (once) → on consent the advisor releases the contact details
 * outside the hub, and the hub records only that it happened. Kept by the candidate's owner.
 */

export type IntroductionNode = Typed<IntroductionRow, 'Introduction'>;
export const asIntroduction = (row: IntroductionRow): IntroductionNode => ({ ...row, __typename: 'Introduction' });

function mayRead(ctx: RegionContext, row: IntroductionRow): boolean {
  const vacancyOwner = parseGlobalId(row.vacancyId)?.owner ?? '';
  return actsFor(ctx.viewer, ctx.owner.code, 'wsp') || isAskingSide(ctx.viewer, vacancyOwner, row.employerKvk);
}

export async function loadIntroduction(ctx: RegionContext, id: string): Promise<IntroductionNode | null> {
  const uuid = ownUuid(ctx, id, 'Introduction');
  const row = uuid ? await ctx.loaders.introduction.load(uuid) : null;
  if (!row) return null;
  if (!mayRead(ctx, row)) throw forbidden(`You may not see ${id}: only the candidate owner's WSP and the side that asked.`);
  return asIntroduction(row);
}

interface VacancyView { title: string; status: string; employer: { kvkNumber: string; name: string } }

/** Why a step cannot be taken from the current status, in words a WSP advisor understands. */
function refusal(id: string, action: 'contact' | 'consent' | 'release', status: string): GraphQLError {
  const why: Record<string, Record<string, string>> = {
    contact: { _: 'the contact with the candidate was already recorded.' },
    consent: {
      REQUESTED: 'record the contact with the candidate first (recordIntroductionContact): the candidate answers the advisor who contacted them.',
      _: `the candidate already answered (${status}); a consent decision is final.`,
    },
    release: {
      REQUESTED: 'contact details may be released only after the candidate consented.',
      CONTACTED: 'contact details may be released only after the candidate consented.',
      REFUSED: 'the candidate refused: contact details may not be released.',
      _: 'the release of the contact details was already recorded.',
    },
  };
  return conflict(`Introduction ${id} is ${status}: ${why[action][status] ?? why[action]._}`, { status });
}

async function step(ctx: RegionContext, id: string, action: 'contact' | 'consent' | 'release', from: IntroductionStatus, to: Exclude<IntroductionStatus, 'REQUESTED'>, mutation: string) {
  const uuid = ownUuid(ctx, id, 'Introduction');
  if (!uuid) throw badUserInput(`${id} is not an introduction of owner "${ctx.owner.code}".`, { field: 'id' });
  requireAction(ctx.viewer, ctx.owner.code, 'Introduction', action);
  const current = await ctx.loaders.introduction.load(uuid);
  if (!current) throw notFound(`No introduction ${id}.`);
  if (current.status !== from) throw refusal(id, action, current.status);
  const moved = await moveIntroduction(ctx.db, ctx.viewer, mutation, uuid, from, to);
  if (!moved) {
    // Another advisor took the step meanwhile: explain with the status it has now.
    ctx.loaders.introduction.clear(uuid);
    throw refusal(id, action, (await ctx.loaders.introduction.load(uuid))?.status ?? 'gone');
  }
  return asIntroduction(moved);
}

export const introductionQueries = {
  introduction: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadIntroduction(ctx, id),
};

export const IntroductionMutation = {
  async requestIntroduction(_: unknown, { input }: { input: { candidateId: string; vacancyId: string } }, ctx: RegionContext) {
    const candidate = ownUuid(ctx, input.candidateId, 'CandidateProfile');
    if (!candidate) throw badUserInput(`${input.candidateId} is not a candidate of owner "${ctx.owner.code}".`, { field: 'candidateId' });
    const vacancyOwner = parseGlobalId(input.vacancyId);
    if (!vacancyOwner || vacancyOwner.type !== 'Vacancy') throw badUserInput(`"${input.vacancyId}" is not a vacancy ID.`, { field: 'vacancyId' });
    if (!actsFor(ctx.viewer, vacancyOwner.owner, 'wsp') && !hasRole(ctx.viewer, 'contractor')) {
      throw ctx.viewer.subject === 'anonymous'
        ? new GraphQLError('Sign in to ask for an introduction.', { extensions: { code: ErrorCode.UNAUTHENTICATED } })
        : forbidden(`Only the WSP staff of owner "${vacancyOwner.owner}" or the employer itself may ask for an introduction for this vacancy.`);
    }
    // The vacancy as its owner shows it (any owner, this one too: one path).
    const { vacancy } = await ctx.gateway.query<{ vacancy: VacancyView | null }>(
      'query IntroductionVacancy($id: ID!) { vacancy(id: $id) { title status employer { kvkNumber name } } }', { id: input.vacancyId });
    if (!vacancy || vacancy.status !== 'PUBLISHED') throw badUserInput(`No published vacancy ${input.vacancyId}.`, { field: 'vacancyId' });
    if (!isAskingSide(ctx.viewer, vacancyOwner.owner, vacancy.employer.kvkNumber)) {
      throw forbidden(`Only the WSP staff of owner "${vacancyOwner.owner}" or the employer itself may ask for an introduction for this vacancy.`);
    }
    const row = await ctx.loaders.candidate.load(candidate);
    if (!row) throw notFound(`No candidate ${input.candidateId}.`);
    if (row.status !== 'ACTIVE') throw conflict(`Candidate ${input.candidateId} is ${row.status} and takes no introductions now.`, { status: row.status });
    try {
      return asIntroduction(await insertIntroduction(ctx.db, ctx.viewer, {
        id: crypto.randomUUID(), candidateId: candidate, vacancyId: input.vacancyId, vacancyTitle: vacancy.title,
        employerKvk: vacancy.employer.kvkNumber, employerName: vacancy.employer.name, status: 'REQUESTED', requestedBy: ctx.viewer.subject,
      }));
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`An introduction of ${input.candidateId} for ${input.vacancyId} was already asked for.`);
      throw e;
    }
  },
  recordIntroductionContact: (_: unknown, { id }: { id: string }, ctx: RegionContext) =>
    step(ctx, id, 'contact', 'REQUESTED', 'CONTACTED', 'recordIntroductionContact'),
  recordIntroductionConsent: (_: unknown, { id, decision }: { id: string; decision: 'GIVEN' | 'REFUSED' }, ctx: RegionContext) =>
    step(ctx, id, 'consent', 'CONTACTED', decision === 'GIVEN' ? 'CONSENTED' : 'REFUSED', 'recordIntroductionConsent'),
  recordContactDetailsReleased: (_: unknown, { id }: { id: string }, ctx: RegionContext) =>
    step(ctx, id, 'release', 'CONSENTED', 'CONTACT_RELEASED', 'recordContactDetailsReleased'),
};

export const Introduction = {
  __resolveReference: (ref: { id: string }, ctx: RegionContext) => loadIntroduction(ctx, ref.id),
  id: (r: IntroductionRow, _: unknown, ctx: RegionContext) => formatGlobalId(ctx.owner.code, 'Introduction', r.id),
  candidateId: (r: IntroductionRow, _: unknown, ctx: RegionContext) => formatGlobalId(ctx.owner.code, 'CandidateProfile', r.candidateId),
  employer: (r: IntroductionRow) => ({ kvkNumber: r.employerKvk, name: r.employerName }),
  requestedAt: (r: IntroductionRow) => isoFromPg(r.requestedAt),
  contactedAt: (r: IntroductionRow) => (r.contactedAt ? isoFromPg(r.contactedAt) : null),
  decidedAt: (r: IntroductionRow) => (r.decidedAt ? isoFromPg(r.decidedAt) : null),
  contactReleasedAt: (r: IntroductionRow) => (r.releasedAt ? isoFromPg(r.releasedAt) : null),
};
