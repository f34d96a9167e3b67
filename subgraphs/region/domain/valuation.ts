import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { divideHalfUp, fromCents, toCents, toScaled } from '../../../lib/money.ts';
import { ROOT } from '../../../lib/paths.ts';

/**
 * An owner's social-return rules as versioned data (`subgraphs/<owner>/valuation.json`):
 * the obligation (percentage, base, date-versioned threshold), the supplier schemes it
 * accepts for purchases, and its building-block tables (DOMAIN.md §2.2-2.5, §2.10).
 * Values marked `assumption` in the file are not from a source and are shown as such.
 */
export interface Block {
  code: string;
  /** How the obligation is fulfilled: JOB, BBL_LEVEL_1_2, PURCHASE, SOCIAL_ACTIVITY, BONUS_55_PLUS, … */
  route: string;
  /** JOB blocks are per target group (catalog code). */
  targetGroup?: string;
  /** Euros per year of full-time work (the table's hours basis). */
  annualValue?: string;
  /** Euros per hour spent (social activities). */
  hourlyValue?: string;
  /** Percentage of the invoice excl. VAT (purchases from recognised suppliers). */
  invoicePercentage?: string;
  /** The actual costs count (e.g. training). */
  actualCosts?: boolean;
  /** Months a person counts for at most; null or absent: always (annual blocks only). */
  countLimitMonths?: number | null;
  source?: string;
  assumption?: string;
  note?: string;
}

export interface ValuationTable {
  version: string;
  validFrom: string;
  validUntil: string | null;
  hoursBasis: number;
  blocks: Block[];
  source?: string;
  assumption?: string;
}

export interface Threshold {
  validFrom: string;
  validUntil: string | null;
  amount: string;
  source?: string;
  assumption?: string;
}

export interface ValuationRules {
  owner: string;
  description: string;
  obligation: { percentage: string; baseType: 'CONTRACT_SUM'; thresholds: Threshold[] };
  acceptedSupplierSchemes: string[];
  acceptedSupplierSchemesSource?: string;
  tables: ValuationTable[];
}

/** What a realisation stores of the rule it was valued with: the values, never a reference. */
export interface RuleSnapshot {
  tableVersion: string;
  hoursBasis: number;
  block: Block;
}

interface Dated { validFrom: string; validUntil: string | null }

/** The version in force on a date (validUntil inclusive). */
export function inForce<T extends Dated>(list: readonly T[], on: string): T | undefined {
  return list.find((x) => x.validFrom <= on && (x.validUntil === null || x.validUntil >= on));
}

function checkPeriods(what: string, list: readonly Dated[]): void {
  const sorted = [...list].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (prev.validUntil === null || prev.validUntil >= sorted[i].validFrom) throw new Error(`${what}: versions from ${prev.validFrom} and ${sorted[i].validFrom} overlap`);
  }
}

const VALUE_KINDS = ['annualValue', 'hourlyValue', 'invoicePercentage', 'actualCosts'] as const;

/** Refuses a rules file that could value a realisation two ways or not at all. */
export function checkRules(rules: ValuationRules): ValuationRules {
  checkPeriods(`${rules.owner} thresholds`, rules.obligation.thresholds);
  checkPeriods(`${rules.owner} tables`, rules.tables);
  for (const t of rules.tables) {
    if (!Number.isInteger(t.hoursBasis) || t.hoursBasis < 1 || t.hoursBasis > 60) throw new Error(`${t.version}: hoursBasis must be 1-60`);
    const seen = new Set<string>();
    for (const b of t.blocks) {
      const kinds = VALUE_KINDS.filter((k) => b[k] !== undefined);
      if (kinds.length !== 1) throw new Error(`${t.version} ${b.code}: exactly one of ${VALUE_KINDS.join(', ')} is needed`);
      const key = blockKey(b.route, b.targetGroup);
      if (seen.has(key)) throw new Error(`${t.version}: two blocks for ${key}`);
      seen.add(key);
      for (const money of [b.annualValue, b.hourlyValue]) if (money !== undefined) toCents(money);
      if (b.invoicePercentage !== undefined && toScaled(b.invoicePercentage, 2) === null) throw new Error(`${t.version} ${b.code}: invoicePercentage must be a decimal`);
    }
  }
  return rules;
}

const blockKey = (route: string, targetGroup?: string | null) => (route === 'JOB' ? `JOB/${targetGroup ?? ''}` : route);

/** The building block a realisation of this route (and, for jobs, target group) is valued with. */
export function findBlock(table: ValuationTable, route: string, targetGroup?: string | null): Block | undefined {
  const key = blockKey(route, targetGroup);
  return table.blocks.find((b) => blockKey(b.route, b.targetGroup) === key);
}

/** The owner's rules file; null for an owner that has none (it cannot register contracts). */
export function loadValuationRules(ownerCode: string, dir = join(ROOT, 'subgraphs', ownerCode)): ValuationRules | null {
  const file = join(dir, 'valuation.json');
  if (!existsSync(file)) return null;
  return checkRules(JSON.parse(readFileSync(file, 'utf8')) as ValuationRules);
}

/** What a realisation brings to be valued; which parts are needed depends on the block. */
export interface Quantities {
  /** Hundredths of an hour per week (annual blocks) or in total (hourly blocks). */
  hoursHundredths?: bigint;
  months?: number;
  invoiceCents?: bigint;
}

export interface Credit {
  cents: bigint;
  /** The computation in one line, e.g. `20000.00 × 24/36 h × 12/12 months = 13333.33`. */
  explanation: string;
}

const hoursText = (h: bigint) => (h % 100n === 0n ? String(h / 100n) : fromCents(h));

/**
 * The credit of one realisation, exact and rounded once (half-up, to the cent). Annual blocks
 * are pro rata to the hours basis (more hours earn the full value, not more) and capped by the
 * counting limit in months.
 */
export function credit(rule: RuleSnapshot, q: Quantities): Credit {
  const { block } = rule;
  if (block.annualValue !== undefined) {
    const annual = toCents(block.annualValue);
    const basis = BigInt(rule.hoursBasis) * 100n;
    const hours = q.hoursHundredths! < basis ? q.hoursHundredths! : basis;
    const months = block.countLimitMonths == null ? q.months! : Math.min(q.months!, block.countLimitMonths);
    const cents = divideHalfUp(annual * hours * BigInt(months), basis * 12n);
    const limit = block.countLimitMonths == null ? 'always counts' : `at most ${block.countLimitMonths}`;
    return { cents, explanation: `${block.annualValue} × ${hoursText(hours)}/${rule.hoursBasis} h × ${months}/12 months (${limit}) = ${fromCents(cents)}` };
  }
  if (block.hourlyValue !== undefined) {
    const cents = divideHalfUp(toCents(block.hourlyValue) * q.hoursHundredths!, 100n);
    return { cents, explanation: `${block.hourlyValue} × ${hoursText(q.hoursHundredths!)} h = ${fromCents(cents)}` };
  }
  if (block.invoicePercentage !== undefined) {
    const cents = divideHalfUp(q.invoiceCents! * toScaled(block.invoicePercentage, 2)!, 10_000n);
    return { cents, explanation: `${fromCents(q.invoiceCents!)} × ${block.invoicePercentage}% of the invoice excl. VAT = ${fromCents(cents)}` };
  }
  return { cents: q.invoiceCents!, explanation: `actual costs ${fromCents(q.invoiceCents!)}` };
}

/** Which quantities a block needs: the mutation checks that exactly these were given. */
export function needs(block: Block): { hoursPerWeek: boolean; months: boolean; hours: boolean; invoice: boolean; supplier: boolean } {
  const annual = block.annualValue !== undefined;
  return {
    hoursPerWeek: annual,
    months: annual,
    hours: block.hourlyValue !== undefined,
    invoice: block.invoicePercentage !== undefined || block.actualCosts === true,
    supplier: block.invoicePercentage !== undefined,
  };
}

/** The obligation fixed at award: below the threshold in force that day, none. */
export function obligationAt(rules: ValuationRules, valueCents: bigint, awardDate: string, percentage = rules.obligation.percentage) {
  const threshold = inForce(rules.obligation.thresholds, awardDate);
  const table = inForce(rules.tables, awardDate);
  if (!threshold || !table) return { threshold, table, amountCents: null };
  const applies = valueCents >= toCents(threshold.amount);
  const amountCents = applies ? divideHalfUp(valueCents * toScaled(percentage, 2)!, 10_000n) : null;
  return { threshold, table, amountCents };
}
