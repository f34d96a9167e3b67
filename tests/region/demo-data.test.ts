import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getTableColumns, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from '../../drizzle/region/schema.ts';
import { externalReference, offering, recognition, socialEnterprise } from '../../drizzle/region/schema.ts';
import { openDatabase } from '../../lib/db/connect.ts';
import { sortKey } from '../../lib/sort-key.ts';
import { CATEGORIES } from '../../subgraphs/catalog/reference/categories.ts';
import { MUNICIPALITIES } from '../../subgraphs/catalog/reference/municipalities.ts';
import { loadOwners, type OwnerSettings } from '../../subgraphs/owners.ts';
import {
  CAPABILITIES, IMPACT_THEMES, LEGAL_FORMS, OFFERING_KINDS, PRICE_UNITS, RECOGNITION_SCHEMES,
} from '../../subgraphs/region/domain/vocabulary.ts';
import { DEFAULT_DEMO_TODAY, generateDemoData, SHARED_DEMO_NAMES, type DemoData } from '../../subgraphs/region/seed/generate.ts';
import { loadDemoData, rowsPerInsert } from '../../subgraphs/region/seed/load.ts';

const TODAY = DEFAULT_DEMO_TODAY;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Postgres' own rendering of timestamptz in a UTC session, with all six microsecond digits. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}\+00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const pc4ByMunicipality = new Map<string, Set<string>>();
for (const line of readFileSync(fileURLToPath(new URL('../../lib/reference/pc4-centroids.csv', import.meta.url)), 'utf8').trim().split('\n').slice(1)) {
  const [pc4, , code] = line.split(',');
  if (!pc4ByMunicipality.has(code)) pc4ByMunicipality.set(code, new Set());
  pc4ByMunicipality.get(code)!.add(pc4);
}

const owners = loadOwners();
const generated = new Map<string, DemoData>(owners.map((o) => [o.code, generateDemoData(o)]));
const dataOf = (o: OwnerSettings) => generated.get(o.code)!;
const categoryByCode = new Map(CATEGORIES.map((c) => [c.code, c]));
const partnerCodes = new Set(MUNICIPALITIES.map((m) => m.code));

describe.each(owners.map((o) => [o.code, o] as const))('demo data of %s', (_code, owner) => {
  it('is deterministic: two calls give deep-equal data, another seed different data', () => {
    expect(generateDemoData(owner)).toEqual(dataOf(owner));
    expect(generateDemoData(owner, { seed: owner.demo.seed + 1 }).enterprises[1].name).not.toBe(dataOf(owner).enterprises[1].name);
  });

  it('has the configured number of enterprises and at least 1,000 offerings', () => {
    const d = dataOf(owner);
    expect(d.enterprises).toHaveLength(owner.demo.enterprises);
    expect(d.enterprises.length).toBeGreaterThanOrEqual(150);
    expect(d.offerings.length).toBeGreaterThanOrEqual(1000);
  });

  it('uses unique lower-case v4 UUIDs', () => {
    const d = dataOf(owner);
    const ids = [...d.enterprises, ...d.recognitions, ...d.offerings].map((r) => r.id!);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    const maex = d.externalReferences.map((r) => r.externalId);
    for (const id of maex) expect(id).toMatch(UUID_V4);
    expect(new Set([...ids, ...maex]).size).toBe(ids.length + maex.length);
  });

  it('has every shared name exactly once, unique names, a sort key per name and some diacritics', () => {
    const d = dataOf(owner);
    const names = d.enterprises.map((e) => e.name);
    for (const shared of SHARED_DEMO_NAMES) expect(names.filter((n) => n === shared), shared).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    for (const e of d.enterprises) expect(e.nameKey).toBe(sortKey(e.name));
    // "Café De Brug" and "Cafe de Brug" share a sort key: a tie on the key inside one owner.
    expect(d.enterprises.filter((e) => e.nameKey === 'cafe de brug')).toHaveLength(2);
    const withDiacritics = names.filter((n) => /[À-ɏ]/.test(n));
    expect(withDiacritics.length / names.length).toBeGreaterThan(0.15);
    expect(withDiacritics.some((n) => /[ØøÆæ]/.test(n))).toBe(true);
  });

  it('has unique 8-digit KvK numbers and 12-digit establishment numbers (some null)', () => {
    const d = dataOf(owner);
    const kvk = d.enterprises.map((e) => e.kvkNumber);
    for (const k of kvk) expect(k).toMatch(/^[5-9]\d{7}$/);
    expect(new Set(kvk).size).toBe(kvk.length);
    const establishments = d.enterprises.map((e) => e.establishmentNumber ?? null);
    for (const n of establishments) if (n !== null) expect(n).toMatch(/^\d{12}$/);
    const nulls = establishments.filter((n) => n === null).length / establishments.length;
    expect(nulls).toBeGreaterThan(0.02);
    expect(nulls).toBeLessThan(0.25);
  });

  it('places enterprises in the owner\'s municipalities at real postcodes of that municipality', () => {
    const d = dataOf(owner);
    for (const e of d.enterprises) {
      expect(owner.municipalities).toContain(e.municipalityCode);
      expect(pc4ByMunicipality.get(e.municipalityCode)?.has(e.postcode4), `${e.municipalityCode} ${e.postcode4}`).toBe(true);
    }
    if (owner.municipalities.length > 1) {
      expect(new Set(d.enterprises.map((e) => e.municipalityCode)).size).toBeGreaterThan(3);
    }
  });

  it('fills the enterprise fields within their domains', () => {
    const d = dataOf(owner);
    for (const e of d.enterprises) {
      expect(LEGAL_FORMS).toContain(e.legalForm);
      expect(e.description.split(/(?<=\.)\s/).length).toBeLessThanOrEqual(3);
      if (e.website !== null) expect(e.website).toMatch(/^https:\/\/[a-z0-9]+(-[a-z0-9]+)*\.example\.nl$/);
      expect(e.impactThemes.length).toBeGreaterThanOrEqual(1);
      expect(e.impactThemes.length).toBeLessThanOrEqual(3);
      expect(new Set(e.impactThemes).size).toBe(e.impactThemes.length);
      for (const t of e.impactThemes) expect(IMPACT_THEMES).toContain(t);
      expect(e.capabilities.length).toBeLessThanOrEqual(3);
      expect(new Set(e.capabilities).size).toBe(e.capabilities.length);
      for (const c of e.capabilities) expect(CAPABILITIES).toContain(c);
      expect(Number.isInteger(e.staffTotal) && Number.isInteger(e.staffWithDistance)).toBe(true);
      expect(e.staffTotal).toBeGreaterThanOrEqual(3);
      expect(e.staffTotal).toBeLessThanOrEqual(250);
      expect(e.staffWithDistance).toBeGreaterThanOrEqual(e.staffTotal * 0.15);
      expect(e.staffWithDistance).toBeLessThanOrEqual(e.staffTotal * 0.9);
      expect(e).not.toHaveProperty('search');
    }
    expect(d.enterprises.filter((e) => e.website === null).length).toBeLessThan(d.enterprises.length / 2);
    expect(new Set(d.enterprises.map((e) => e.legalForm)).size).toBeGreaterThan(2);
  });

  it('describes what enterprises and offerings do in Dutch words that full-text search finds', () => {
    const d = dataOf(owner);
    const texts = [...d.enterprises, ...d.offerings].map((r) => `${r.name} ${r.description}`.toLowerCase());
    for (const word of ['fiets', 'schoonmaak', 'catering', 'groen', 'drukwerk']) {
      expect(texts.some((t) => new RegExp(`\\b${word}\\b`).test(t)), word).toBe(true);
    }
  });

  it('has timestamps in Postgres text form over 2019-2026, updatedAt >= createdAt, and createdAt ties', () => {
    const d = dataOf(owner);
    const rows = [...d.enterprises, ...d.offerings];
    for (const r of rows) {
      expect(r.createdAt).toMatch(TIMESTAMP);
      expect(r.updatedAt).toMatch(TIMESTAMP);
      expect(r.createdAt! >= '2019-01-01').toBe(true);
      expect(r.updatedAt! < TODAY).toBe(true);
      expect(r.updatedAt! >= r.createdAt!).toBe(true);
    }
    const created = d.enterprises.map((e) => e.createdAt);
    expect(new Set(created).size).toBeLessThan(created.length);
    const years = new Set(created.map((c) => c!.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(7);
  });

  it('has 0-3 recognitions per enterprise with valid periods, a quarter or so expired', () => {
    const d = dataOf(owner);
    const enterpriseIds = new Set(d.enterprises.map((e) => e.id));
    const perEnterprise = new Map<string, string[]>();
    for (const r of d.recognitions) {
      expect(enterpriseIds.has(r.enterpriseId)).toBe(true);
      expect(RECOGNITION_SCHEMES).toContain(r.scheme);
      expect(r.issuedBy.trim()).not.toBe('');
      expect(r.validFrom).toMatch(DATE);
      if (r.validUntil != null) {
        expect(r.validUntil).toMatch(DATE);
        expect(r.validUntil >= r.validFrom).toBe(true);
      }
      if (r.scheme.startsWith('PSO_')) {
        expect(r.validUntil).not.toBeNull();
        const from = new Date(`${r.validFrom}T00:00:00Z`);
        const limit = new Date(Date.UTC(from.getUTCFullYear() + 2, from.getUTCMonth(), from.getUTCDate()));
        expect(new Date(`${r.validUntil}T00:00:00Z`) < limit).toBe(true);
      }
      perEnterprise.set(r.enterpriseId, [...(perEnterprise.get(r.enterpriseId) ?? []), r.scheme]);
    }
    for (const schemes of perEnterprise.values()) {
      expect(schemes.length).toBeLessThanOrEqual(3);
      expect(new Set(schemes).size).toBe(schemes.length);
      expect(schemes.filter((s) => s.startsWith('PSO_')).length).toBeLessThanOrEqual(1);
      expect(schemes.filter((s) => s.startsWith('REGIONAL_')).length).toBeLessThanOrEqual(1);
    }
    const expired = d.recognitions.filter((r) => r.validUntil != null && r.validUntil < TODAY).length / d.recognitions.length;
    expect(expired).toBeGreaterThan(0.12);
    expect(expired).toBeLessThan(0.4);
    expect(d.recognitions.some((r) => r.scheme.startsWith('REGIONAL_') && r.validUntil == null)).toBe(true);
    expect(perEnterprise.size).toBeLessThan(d.enterprises.length);
  });

  it('gives about 40% of enterprises a MAEX reference', () => {
    const d = dataOf(owner);
    const created = new Map(d.enterprises.map((e) => [e.id, e.createdAt!]));
    const share = d.externalReferences.length / d.enterprises.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.55);
    expect(new Set(d.externalReferences.map((r) => r.enterpriseId)).size).toBe(d.externalReferences.length);
    for (const r of d.externalReferences) {
      expect(r.system).toBe('MAEX');
      if (r.syncedAt != null) {
        expect(r.syncedAt).toMatch(TIMESTAMP);
        expect(r.syncedAt >= created.get(r.enterpriseId)!).toBe(true);
      }
    }
    expect(d.externalReferences.some((r) => r.syncedAt == null)).toBe(true);
  });

  it('has 2-12 offerings per enterprise with catalog categories, their CPV codes and exact prices', () => {
    const d = dataOf(owner);
    const enterprise = new Map(d.enterprises.map((e) => [e.id, e]));
    const perEnterprise = new Map<string, number>();
    let priced = 0;
    for (const o of d.offerings) {
      const e = enterprise.get(o.enterpriseId)!;
      expect(e).toBeDefined();
      perEnterprise.set(o.enterpriseId, (perEnterprise.get(o.enterpriseId) ?? 0) + 1);
      const category = categoryByCode.get(o.categoryCode);
      expect(category, o.categoryCode).toBeDefined();
      expect(category!.cpv.map((c) => c.code)).toContain(o.cpvCode);
      expect(OFFERING_KINDS).toContain(o.kind);
      expect(o.nameKey).toBe(sortKey(o.name));
      expect(o.description.trim()).not.toBe('');
      if (o.priceAmount == null) {
        expect(o.priceUnit ?? null).toBeNull();
      } else {
        priced++;
        expect(o.priceAmount).toMatch(/^\d+\.\d{2}$/);
        expect(Number(o.priceAmount)).toBeGreaterThanOrEqual(12.5);
        expect(Number(o.priceAmount)).toBeLessThanOrEqual(25000);
        expect(PRICE_UNITS).toContain(o.priceUnit);
      }
      expect(o.serviceArea.length).toBeGreaterThanOrEqual(1);
      expect(o.serviceArea.length).toBeLessThanOrEqual(4);
      expect(o.serviceArea[0]).toBe(e.municipalityCode);
      expect(new Set(o.serviceArea).size).toBe(o.serviceArea.length);
      for (const m of o.serviceArea) expect(partnerCodes.has(m), m).toBe(true);
      expect(o.createdAt! >= e.createdAt!).toBe(true);
      expect(o).not.toHaveProperty('search');
    }
    expect(perEnterprise.size).toBe(d.enterprises.length);
    for (const n of perEnterprise.values()) {
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(12);
    }
    const average = d.offerings.length / d.enterprises.length;
    expect(average).toBeGreaterThan(6);
    expect(average).toBeLessThan(8);
    const unpriced = 1 - priced / d.offerings.length;
    expect(unpriced).toBeGreaterThan(0.08);
    expect(unpriced).toBeLessThan(0.25);
    const counting = d.offerings.filter((o) => o.countsForSocialReturn).length / d.offerings.length;
    expect(counting).toBeGreaterThan(0.7);
    expect(counting).toBeLessThan(1);
    expect(new Set(d.offerings.map((o) => o.kind))).toEqual(new Set(OFFERING_KINDS));
    expect(d.offerings.some((o) => o.serviceArea.some((m) => !owner.municipalities.includes(m)))).toBe(true);
  });
});

describe('demo data across owners', () => {
  it('gives every owner the shared names, so sorting by name ties across owners', () => {
    for (const shared of SHARED_DEMO_NAMES) {
      for (const owner of owners) expect(dataOf(owner).enterprises.some((e) => e.name === shared), `${owner.code}: ${shared}`).toBe(true);
    }
  });

  // How fast it generates is the benchmark's business (bench --dataset large), never a test's.
  it('generates 100,000 enterprises in one pass, unique and within the offering bounds', () => {
    const owner = owners.find((o) => o.municipalities.length > 1) ?? owners[0];
    const d = generateDemoData(owner, { enterprises: 100_000 });
    expect(d.enterprises).toHaveLength(100_000);
    expect(d.offerings.length).toBeGreaterThan(600_000);
    expect(d.offerings.length).toBeLessThan(800_000);
    expect(new Set(d.enterprises.map((e) => e.kvkNumber)).size).toBe(100_000);
    expect(new Set(d.enterprises.map((e) => e.name)).size).toBe(100_000);
  });
});

describe('loadDemoData', () => {
  it('keeps every INSERT under the bind-parameter limit', () => {
    for (const table of [socialEnterprise, recognition, externalReference, offering]) {
      const rows = rowsPerInsert(table);
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThanOrEqual(1000);
      expect(rows * Object.keys(getTableColumns(table)).length).toBeLessThanOrEqual(65_535);
    }
  });

  it('loads one owner into an in-memory PGlite, byte-equal where Postgres renders text', async () => {
    const owner = owners[0];
    const data = dataOf(owner);
    const database = await openDatabase({ kind: 'pglite' }, schema);
    try {
      await database.migrate(fileURLToPath(new URL('../../drizzle/region/migrations', import.meta.url)));
      const started = performance.now();
      await loadDemoData(database.db, data);
      console.info(`loaded ${owner.code}: ${data.enterprises.length} enterprises, ${data.offerings.length} offerings in ${Math.round(performance.now() - started)} ms`);
      const db = database.db;
      const count = async (table: typeof socialEnterprise | typeof recognition | typeof externalReference | typeof offering) =>
        (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;
      expect(await count(socialEnterprise)).toBe(data.enterprises.length);
      expect(await count(recognition)).toBe(data.recognitions.length);
      expect(await count(externalReference)).toBe(data.externalReferences.length);
      expect(await count(offering)).toBe(data.offerings.length);

      // Timestamps and prices come back as the same text the generator wrote.
      const first = data.offerings.find((o) => o.priceAmount != null)!;
      const [row] = await db.select({ createdAt: offering.createdAt, updatedAt: offering.updatedAt, priceAmount: offering.priceAmount })
        .from(offering).where(sql`${offering.id} = ${first.id}`);
      expect(row).toEqual({ createdAt: first.createdAt, updatedAt: first.updatedAt, priceAmount: first.priceAmount });

      // Dutch full-text search finds the trade words.
      for (const word of ['fiets', 'schoonmaak', 'catering', 'groen', 'drukwerk']) {
        const [hit] = await db.select({ n: sql<number>`count(*)::int` }).from(offering)
          .where(sql`${offering.search} @@ websearch_to_tsquery('dutch', ${word})`);
        const [enterpriseHit] = await db.select({ n: sql<number>`count(*)::int` }).from(socialEnterprise)
          .where(sql`${socialEnterprise.search} @@ websearch_to_tsquery('dutch', ${word})`);
        expect(hit.n + enterpriseHit.n, word).toBeGreaterThan(0);
      }
    } finally {
      await database.close();
    }
  });
});
