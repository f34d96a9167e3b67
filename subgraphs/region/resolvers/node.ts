import { badUserInput } from '../../../lib/errors.ts';
import { parseGlobalId } from '../../../lib/global-id.ts';
import type { RegionContext } from '../context.ts';
import { loadEnterprise, loadOffering } from './lookup.ts';
import { loadContract, loadRealisation } from './social-return.ts';
import { loadVacancy } from './vacancies.ts';
import { loadCandidate } from './candidates.ts';
import { loadIntroduction } from './introductions.ts';
import { placementQueries } from './placements.ts';

/** The types `node(id)` resolves, by the type the ID names. */
const LOADERS: Record<string, (ctx: RegionContext, id: string) => Promise<{ __typename: string } | null>> = {
  SocialEnterprise: loadEnterprise,
  Offering: loadOffering,
  Contract: loadContract,
  Realisation: loadRealisation,
  Vacancy: loadVacancy,
  CandidateProfile: loadCandidate,
  Introduction: loadIntroduction,
  Placement: (ctx, id) => placementQueries.placement(null, { id }, ctx),
};

export async function loadNode(ctx: RegionContext, id: unknown): Promise<{ __typename: string } | null> {
  const parsed = parseGlobalId(id);
  if (!parsed) throw badUserInput(`"${String(id)}" is not a valid ID (expected <owner>:<Type>:<uuid>).`);
  return LOADERS[parsed.type]?.(ctx, id as string) ?? null;
}
