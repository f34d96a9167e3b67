import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../subgraphs/catalog/reference/categories.ts';
import { LABOUR_MARKET_REGIONS } from '../../subgraphs/catalog/reference/labour-market-regions.ts';
import { MUNICIPALITIES } from '../../subgraphs/catalog/reference/municipalities.ts';
import { TARGET_GROUPS } from '../../subgraphs/catalog/reference/target-groups.ts';
import { loadOwners } from '../../subgraphs/owners.ts';

const CPV = /^\d{8}-\d$/;
const pc4Csv = readFileSync(fileURLToPath(new URL('../../lib/reference/pc4-centroids.csv', import.meta.url)), 'utf8');
const pc4MunicipalityCodes = new Set(pc4Csv.trim().split('\n').slice(1).map((line) => line.split(',')[2]));

describe('categories', () => {
  it('has 25-35 categories with unique lower-kebab codes', () => {
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(25);
    expect(CATEGORIES.length).toBeLessThanOrEqual(35);
    const codes = CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has a Dutch name, one-sentence description and group for every category', () => {
    for (const c of CATEGORIES) {
      expect(c.name.trim()).not.toBe('');
      expect(c.group.trim()).not.toBe('');
      expect(c.description).toMatch(/^[A-Z].*\.$/);
      expect(c.description.slice(0, -1)).not.toMatch(/\.\s/);
    }
  });

  it('maps every category to 1-3 CPV codes NNNNNNNN-C with exactly one primary', () => {
    for (const c of CATEGORIES) {
      expect(c.cpv.length, c.code).toBeGreaterThanOrEqual(1);
      expect(c.cpv.length, c.code).toBeLessThanOrEqual(3);
      for (const x of c.cpv) {
        expect(x.code, c.code).toMatch(CPV);
        expect(x.label.trim(), x.code).not.toBe('');
      }
      expect(c.cpv.filter((x) => x.primary), c.code).toHaveLength(1);
      expect(new Set(c.cpv.map((x) => x.code)).size, c.code).toBe(c.cpv.length);
    }
  });

  it('gives one CPV code the same label wherever it is used', () => {
    const labels = new Map<string, string>();
    for (const x of CATEGORIES.flatMap((c) => c.cpv)) {
      expect(labels.get(x.code) ?? x.label, x.code).toBe(x.label);
      labels.set(x.code, x.label);
    }
  });
});

describe('labour-market regions and municipalities', () => {
  it('lists the three labour-market regions with CBS AMxx codes', () => {
    expect(LABOUR_MARKET_REGIONS.map((r) => r.code).sort()).toEqual(['AM21', 'AM22', 'AM34']);
    expect(Object.fromEntries(LABOUR_MARKET_REGIONS.map((r) => [r.code, r.name]))).toEqual({
      AM21: 'Haaglanden', AM22: 'Rijnmond', AM34: 'Zuid-Holland Centraal',
    });
  });

  it('lists the twelve partner municipalities (at least) with unique CBS codes and known regions', () => {
    const codes = MUNICIPALITIES.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const partner of [
      'GM0518', 'GM0599', 'GM0503', 'GM1842', 'GM0603', 'GM1783', 'GM1621', 'GM1916', 'GM1926', 'GM0626', 'GM0629', 'GM0637',
    ]) expect(codes).toContain(partner);
    const regions = new Set(LABOUR_MARKET_REGIONS.map((r) => r.code));
    for (const m of MUNICIPALITIES) {
      expect(m.code).toMatch(/^GM\d{4}$/);
      expect(regions.has(m.labourMarketRegionCode), m.code).toBe(true);
    }
    expect(MUNICIPALITIES.find((m) => m.code === 'GM0518')?.name).toBe("'s-Gravenhage");
    expect(MUNICIPALITIES.find((m) => m.code === 'GM0599')?.labourMarketRegionCode).toBe('AM22');
  });

  it('knows every municipality of every owner, and no municipality has two owners', () => {
    const known = new Set(MUNICIPALITIES.map((m) => m.code));
    const ownerOf = new Map<string, string>();
    const owners = loadOwners();
    expect(owners.length).toBeGreaterThanOrEqual(3);
    for (const owner of owners) {
      expect(owner.municipalities.length, owner.code).toBeGreaterThan(0);
      for (const code of owner.municipalities) {
        expect(known.has(code), `${owner.code}: ${code}`).toBe(true);
        expect(ownerOf.get(code), `${code} owned twice`).toBeUndefined();
        ownerOf.set(code, owner.code);
      }
    }
  });

  it('has postcodes (PC4) for every municipality an owner holds', () => {
    for (const code of loadOwners().flatMap((o) => o.municipalities)) expect(pc4MunicipalityCodes.has(code), code).toBe(true);
  });
});

describe('target groups', () => {
  it('has unique enum-safe codes, Dutch names and one English sentence each', () => {
    const codes = TARGET_GROUPS.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const t of TARGET_GROUPS) {
      expect(t.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(t.name.trim()).not.toBe('');
      expect(t.description).toMatch(/^[A-Z].*\.$/);
    }
    for (const required of [
      'PARTICIPATIEWET', 'WW', 'WIA', 'BANENAFSPRAAK', 'NUG', 'YOUTH_WITHOUT_STARTKWALIFICATIE',
      'STATUSHOUDER', 'VSO_PRO', 'BBL', 'BOL_INTERN', 'AGE_55_PLUS',
    ]) expect(codes).toContain(required);
  });
});
