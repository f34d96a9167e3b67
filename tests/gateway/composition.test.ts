import { readFileSync } from 'node:fs';
import { parse, Kind, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_FILE, compose, readSchemaFile, SUPERGRAPH_FILE } from '../../gateway/compose.ts';
import { buildRoutingTable } from '../../gateway/router/routing-table.ts';

describe('composition', () => {
  it('the checked-in supergraph and API schema equal a fresh composition (run `npm run compose`)', () => {
    const fresh = compose();
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(fresh.supergraphSdl);
    expect(readFileSync(API_SCHEMA_FILE, 'utf8')).toBe(fresh.apiSdl);
  });

  it('the API schema has no federation internals', () => {
    const api = readFileSync(API_SCHEMA_FILE, 'utf8');
    for (const internal of ['_entities', '_service', '_Any', 'join__', 'link__', '@route', '@ownerKey']) {
      expect(api).not.toContain(internal);
    }
  });

  it('the routing table covers every root field of the regional contract, as declared', () => {
    const doc = parse(readSchemaFile('region.graphql'));
    const rootFields = doc.definitions
      .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && ['Query', 'Mutation'].includes(d.name.value))
      .flatMap((t) => (t.fields ?? []).map((f) => `${t.name.value}.${f.name.value}`))
      .sort();
    const table = buildRoutingTable(doc);
    expect([...table.root.keys()].sort()).toEqual(rootFields);
    expect(Object.fromEntries([...table.root].map(([k, r]) => [k, r.to === 'ALL' ? `ALL ${r.merge} owner=${r.ownerArg?.join('.')}${r.merge === 'connection' ? ` first=${r.firstDefault}` : ''}` : `${r.to} ${r.arg.join('.')}`]))).toEqual({
      'Query.socialEnterprises': 'ALL connection owner=filter.owner first=20',
      'Query.offerings': 'ALL connection owner=filter.owner first=20',
      'Query.socialEnterprise': 'ID id',
      'Query.offering': 'ID id',
      'Query.node': 'ID id',
      'Query.nodes': 'EACH_ID ids',
      'Query.auditLog': 'OWNER owner',
      'Query.contract': 'ID id',
      'Query.contracts': 'ALL connection owner=filter.owner first=20',
      'Query.realisation': 'ID id',
      'Query.valuationRules': 'OWNER owner',
      'Query.sroiStatistics': 'ALL aggregate owner=filter.owner',
      'Query.marketplaceStatistics': 'ALL aggregate owner=filter.owner',
      'Query.supplierSuggestions': 'ALL connection owner=undefined first=20',
      'Query.changes': 'ALL feed owner=owner',
      'Mutation.upsertSocialEnterprises': 'OWNER input.owner',
      'Mutation.deleteSocialEnterprise': 'ID id',
      'Mutation.registerContract': 'OWNER input.owner',
      'Mutation.recordRealisation': 'ID input.contractId',
      'Mutation.decideRealisation': 'ID id',
      'Mutation.registerSocialEnterprise': 'OWNER input.owner',
      'Mutation.updateSocialEnterprise': 'ID id',
      'Mutation.registerOffering': 'ID input.enterpriseId',
      'Mutation.updateOffering': 'ID id',
      'Query.vacancies': 'ALL connection owner=filter.owner first=20',
      'Query.vacancy': 'ID id',
      'Query.candidateProfile': 'ID id',
      'Query.candidateProfiles': 'OWNER owner',
      'Query.candidateMatches': 'ALL connection owner=owner first=20',
      'Query.introduction': 'ID id',
      'Query.placement': 'ID id',
      'Query.placementStatistics': 'ALL aggregate owner=filter.owner',
      'Mutation.registerVacancy': 'OWNER input.owner',
      'Mutation.setVacancyStatus': 'ID id',
      'Mutation.registerCandidate': 'OWNER input.owner',
      'Mutation.updateCandidate': 'ID id',
      'Mutation.eraseCandidate': 'ID id',
      'Mutation.requestIntroduction': 'ID input.candidateId',
      'Mutation.recordIntroductionContact': 'ID id',
      'Mutation.recordIntroductionConsent': 'ID id',
      'Mutation.recordContactDetailsReleased': 'ID id',
      'Mutation.recordPlacement': 'ID input.candidateId',
    });
    expect(Object.fromEntries(table.entities)).toEqual({
      SocialEnterprise: { field: 'id', globalId: true },
      Offering: { field: 'id', globalId: true },
      Contract: { field: 'id', globalId: true },
      Realisation: { field: 'id', globalId: true },
      Region: { field: 'code', globalId: false },
      Vacancy: { field: 'id', globalId: true },
      CandidateProfile: { field: 'id', globalId: true },
      Introduction: { field: 'id', globalId: true },
      Placement: { field: 'id', globalId: true },
    });
    // region-links: only entities, each routed by the owner its ID names.
    expect(Object.fromEntries(buildRoutingTable(readSchemaFile('region-links.graphql')).entities)).toEqual({ Realisation: { field: 'id', globalId: true } });
  });

  it('refuses a contract with a root field that has no rule', () => {
    expect(() => buildRoutingTable('type Query { a: Int @route(to: "ID", arg: "id") b: Int }'))
      .toThrow('routing table: Query.b has no @route rule');
    expect(() => buildRoutingTable('type Mutation { a: Int @route(to: "ALL", merge: "connection") }'))
      .toThrow('mutation Mutation.a may not fan out');
  });
});
