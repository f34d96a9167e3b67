import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../gateway/server.ts';
import { startCatalogService, type CatalogService } from '../../subgraphs/catalog/service.ts';
import { loadOwners, type OwnerSettings } from '../../subgraphs/owners.ts';
import { startRegionService, type RegionService } from '../../subgraphs/region/service.ts';
import { postGraphQL } from '../helpers/hub.ts';
import { testSecurity, type TestSecurity } from '../helpers/security.ts';

/** A fourth owner is configuration plus data: no schema, router or other-owner change. */
const fourth: OwnerSettings = {
  code: 'stroomopwaarts',
  name: 'Stroomopwaarts MVS',
  description: 'Maassluis, Vlaardingen and Schiedam (a test owner added by configuration).',
  employerServicePoint: 'Werkgeversservicepunt Rijnmond, desk MVS',
  municipalities: ['GM0606', 'GM0622', 'GM0556'],
  port: 0,
  demo: { enterprises: 0, seed: 1 },
};

let catalog: CatalogService;
let regions: RegionService[];
let gateway: Gateway;
let keys: TestSecurity;
let staff: string;
const query = (q: string, v?: Record<string, unknown>) => postGraphQL<any>(gateway.url, q, v, { authorization: `Bearer ${staff}` });

beforeAll(async () => {
  keys = await testSecurity();
  staff = await keys.token({ roles: ['municipality'], owners: [fourth.code] });
  const owners = [...loadOwners(), fourth];
  catalog = await startCatalogService({ storage: { kind: 'pglite' }, owners, port: 0, signingKey: keys.keyFor('catalog') });
  regions = await Promise.all(owners.map((owner) => startRegionService({
    owner, storage: { kind: 'pglite' }, port: 0, seedDemo: owner !== fourth, demoEnterprises: 5, signingKey: keys.keyFor(owner.code),
  })));
  gateway = await startGateway({
    port: 0, catalogUrl: catalog.url, owners: regions.map((r) => ({ code: r.owner.code, url: r.url })), security: keys.security,
  });
});
afterAll(async () => {
  await gateway?.stop();
  await Promise.all([catalog?.stop(), ...(regions ?? []).map((r) => r.stop())]);
});

describe('a fourth owner added by configuration', () => {
  it('takes writes, appears in fan-outs and the catalog, and routes by ID', async () => {
    const created = await query(`mutation { registerSocialEnterprise(input: {
      owner: "stroomopwaarts", name: "Aaa Vlaardingse Kringloop", kvkNumber: "12345678", legalForm: STICHTING,
      municipality: "GM0622", postcode4: "3131", description: "Kringloopwinkel en werkleerbedrijf.", staffTotal: 20, staffWithDistance: 14
    }) { id municipality { name owner { code name } } } }`);
    expect(created.errors).toBeUndefined();
    const id = created.data.registerSocialEnterprise.id as string;
    expect(id.startsWith('stroomopwaarts:SocialEnterprise:')).toBe(true);
    expect(created.data.registerSocialEnterprise.municipality).toEqual({ name: 'Vlaardingen', owner: { code: 'stroomopwaarts', name: 'Stroomopwaarts MVS' } });

    const list = await query(`{ socialEnterprises(first: 100) { nodes { id } totalCount missingOwners } regions { code } }`);
    expect(list.data.socialEnterprises.totalCount).toBe(16);
    expect(list.data.socialEnterprises.nodes.map((n: { id: string }) => n.id)).toContain(id);
    expect(list.data.regions.map((r: { code: string }) => r.code)).toEqual(['den-haag', 'haaglanden-zhc', 'rotterdam', 'stroomopwaarts']);

    const node = await query(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(node.data).toEqual({ node: { id } });
  });
});
