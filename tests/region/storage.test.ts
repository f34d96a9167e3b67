import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOwners } from '../../subgraphs/owners.ts';
import { startRegionService } from '../../subgraphs/region/service.ts';
import { postSigned } from '../helpers/hub.ts';
import { serviceKey } from '../../lib/service-auth.ts';
import { storageKinds, testDatabases } from '../helpers/databases.ts';

// Timestamps must not depend on the process time zone.
process.env.TZ = 'America/Sao_Paulo';

const owner = loadOwners().find((o) => o.code === 'den-haag')!;
const signingKey = serviceKey(Buffer.from('storage-test-secret'), 'den-haag');
const staff = { subject: 'staff', roles: ['municipality' as const], owners: ['den-haag'] };
const postGraphQL = <T,>(url: string, query: string, variables?: Record<string, unknown>) => postSigned<T>(url, signingKey, staff, query, variables);

describe.each(storageKinds)('the regional data layer on %s', (kind) => {
  const dbs = testDatabases(kind);
  afterAll(() => dbs.dropAll());

  it('migrates, seeds, pages, and keeps Decimal and DateTime exact', async () => {
    const service = await startRegionService({ owner, storage: await dbs.create('region'), port: 0, seedDemo: true, demoEnterprises: 30, signingKey });
    try {
      const q = (query: string, v?: Record<string, unknown>) => postGraphQL<any>(service.url, query, v);
      const page = await q(`{ socialEnterprises(first: 100, filter: { owner: "den-haag" }) { totalCount nodes { id name } } }`);
      expect(page.errors).toBeUndefined();
      expect(page.data.socialEnterprises.totalCount).toBe(30);
      const created = await q(`mutation { registerSocialEnterprise(input: {
        owner: "den-haag", name: "Tijdzone Test", kvkNumber: "88888888", legalForm: BV, municipality: "GM0518", postcode4: "2511",
        description: "Test", staffTotal: 3, staffWithDistance: 1,
        externalReferences: [{ system: "MAEX", externalId: "0b0c7a64-5f1e-4c55-9a43-1f9b5c7e2d10", syncedAt: "2025-02-01T09:30:00.123456-03:00" }]
      }) { id createdAt externalReferences { syncedAt } shareWithDistance } }`);
      expect(created.errors).toBeUndefined();
      const e = created.data.registerSocialEnterprise;
      expect(e.externalReferences).toEqual([{ syncedAt: '2025-02-01T12:30:00.123456+00:00' }]);
      expect(e.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?\+00:00$/);
      expect(e.shareWithDistance).toBe('0.3333');
      const again = await q(`query($id: ID!) { socialEnterprise(id: $id) { createdAt } }`, { id: e.id });
      expect(again.data.socialEnterprise.createdAt).toBe(e.createdAt);
      const offering = await q(`mutation($e: ID!) { registerOffering(input: { enterpriseId: $e, name: "Lunch", description: "Broodjes",
        kind: PRODUCT, category: "catering", cpvCode: "55520000-1", price: { amount: "0.01", unit: PER_ITEM }, serviceArea: ["GM0518"],
        countsForSocialReturn: true }) { price { amount } } }`, { e: e.id });
      expect(offering.data?.registerOffering.price).toEqual({ amount: '0.01' });
    } finally {
      await service.stop();
    }
  });
});

describe('embedded storage across restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'srh-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps data written before a restart and does not seed twice', async () => {
    const storage = { kind: 'pglite' as const, dataDir: join(dir, 'den-haag') };
    const first = await startRegionService({ owner, storage, port: 0, seedDemo: true, demoEnterprises: 10, signingKey });
    const created = await postGraphQL<any>(first.url, `mutation { registerSocialEnterprise(input: {
      owner: "den-haag", name: "Blijft Bestaan", kvkNumber: "99999999", legalForm: BV, municipality: "GM0518", postcode4: "2511",
      description: "Na herstart nog aanwezig", staffTotal: 5, staffWithDistance: 2 }) { id } }`);
    const id = created.data.registerSocialEnterprise.id;
    await first.stop();
    const second = await startRegionService({ owner, storage, port: 0, seedDemo: true, demoEnterprises: 10, signingKey });
    try {
      const read = await postGraphQL<any>(second.url, `query($id: ID!) { socialEnterprise(id: $id) { name } socialEnterprises { totalCount } }`, { id });
      expect(read.data).toEqual({ socialEnterprise: { name: 'Blijft Bestaan' }, socialEnterprises: { totalCount: 11 } });
    } finally {
      await second.stop();
    }
  });
});
