import { Kind, type FieldNode, type FragmentDefinitionNode } from 'graphql';
import { divideHalfUp, fromCents, toCents } from '../../lib/money.ts';
import { fieldNode, flattenFields, responseKey, withSelections } from './document.ts';
import type { AggregateRule } from './routing-table.ts';

/**
 * The additive merge of an aggregate fan-out: every owner returns its own cells; the router
 * groups them by their key fields, adds the sums (Decimal as integer cents, never floats),
 * recomputes ratios from the merged sums, and only then suppresses small counts of people,
 * in the merged cell (an owner's 3 plus another's 4 is 7, shown).
 */

const CELLS = '_r_cells';
const privateName = (field: string) => `_r_${field}`;

/** The owner's cells again, under a private alias, with every field the merge needs. */
export function withAggregateSelections(field: FieldNode, rule: AggregateRule): FieldNode {
  const needed = [
    ...rule.keys.map((k) => fieldNode(k.field, privateName(k.field), k.sub)),
    ...rule.sums.map((s) => fieldNode(s.field, privateName(s.field))),
  ];
  return withSelections(field, [{ ...fieldNode(rule.list, CELLS), selectionSet: { kind: Kind.SELECTION_SET, selections: needed } }]);
}

export interface OwnerAggregate {
  owner: string;
  /** The owner's result object, or null when it did not answer. */
  value: Record<string, unknown> | null;
}

type Cell = Record<string, unknown>;

interface Group {
  owners: Set<string>;
  /** The first owner's cells as the client selected them, for key values and typename. */
  first: Map<string, Cell>;
  sums: Map<string, bigint | null>;
  keyValues: unknown[];
}

const keyOf = (value: unknown, sub?: string[]) =>
  value !== null && typeof value === 'object' && sub ? sub.map((k) => (value as Record<string, unknown>)[k]) : value;

/** Sorts cells by their key values, nulls first, so the merged order does not depend on the owners'. */
function compareKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = JSON.stringify(a[i] ?? null);
    const y = JSON.stringify(b[i] ?? null);
    if (x !== y) return a[i] == null ? -1 : b[i] == null ? 1 : x < y ? -1 : 1;
  }
  return 0;
}

function ratio(numerator: bigint | null | undefined, denominator: bigint | null | undefined): string | null {
  if (numerator == null || denominator == null || denominator === 0n) return null;
  const tenThousandths = divideHalfUp(numerator * 10_000n, denominator);
  return `${tenThousandths / 10_000n}.${String(tenThousandths % 10_000n).padStart(4, '0')}`;
}

export function mergeAggregates(
  field: FieldNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  rule: AggregateRule,
  pages: readonly OwnerAggregate[],
  missingOwners: readonly string[],
  /** True when the viewer may see unsuppressed counts of every one of these owners. */
  exempt: (owners: readonly string[]) => boolean,
): Record<string, unknown> {
  const selections = flattenFields(field.selectionSet!, fragments, variables);
  const listKeys = selections.filter((s) => s.name.value === rule.list).map(responseKey);
  const decimal = new Map(rule.sums.map((s) => [s.field, s.decimal]));
  const groups = new Map<string, Group>();
  for (const { owner, value } of pages) {
    const cells = (value?.[CELLS] as Cell[] | undefined) ?? [];
    cells.forEach((cell, i) => {
      const keyValues = rule.keys.map((k) => keyOf(cell[privateName(k.field)], k.sub));
      const id = JSON.stringify(keyValues);
      let group = groups.get(id);
      if (!group) {
        group = { owners: new Set(), first: new Map(listKeys.map((k) => [k, (value![k] as Cell[])[i]])), sums: new Map(), keyValues };
        groups.set(id, group);
      }
      group.owners.add(owner);
      for (const { field: f } of rule.sums) {
        const raw = cell[privateName(f)];
        if (raw === null || raw === undefined) { if (!group.sums.has(f)) group.sums.set(f, null); continue; }
        const amount = decimal.get(f) ? toCents(String(raw)) : BigInt(raw as number);
        group.sums.set(f, (group.sums.get(f) ?? 0n) + amount);
      }
    });
  }
  const ordered = [...groups.values()].sort((a, b) => compareKeys(a.keyValues, b.keyValues));

  const cellsFor = (listKey: string, listField: FieldNode): Cell[] => ordered.map((g) => {
    const shown = new Map<string, unknown>();
    for (const s of rule.sums) {
      const v = g.sums.get(s.field) ?? null;
      shown.set(s.field, v === null ? null : decimal.get(s.field) ? fromCents(v) : Number(v));
    }
    const flags = new Map<string, boolean>();
    for (const s of rule.suppressed) {
      const v = g.sums.get(s.field);
      const hide = v != null && v >= 1n && v < BigInt(s.below) && !exempt([...g.owners]);
      if (hide) shown.set(s.field, null);
      flags.set(s.flag, hide);
    }
    const ratios = new Map(rule.ratios.map((r) => [r.field, ratio(g.sums.get(r.numerator), g.sums.get(r.denominator))]));
    const first = g.first.get(listKey) ?? {};
    const out: Cell = {};
    for (const sel of flattenFields(listField.selectionSet!, fragments, variables)) {
      const k = responseKey(sel);
      const name = sel.name.value;
      out[k] = ratios.has(name) ? ratios.get(name) : flags.has(name) ? flags.get(name) : shown.has(name) ? shown.get(name) : first[k] ?? null;
    }
    return out;
  });

  const answered = pages.find((p) => p.value);
  const out: Record<string, unknown> = {};
  for (const sel of selections) {
    const k = responseKey(sel);
    if (sel.name.value === rule.list) out[k] = cellsFor(k, sel);
    else if (sel.name.value === 'missingOwners') out[k] = [...missingOwners].sort();
    else if (sel.name.value === 'complete') out[k] = missingOwners.length === 0;
    else out[k] = answered?.value?.[k] ?? null;
  }
  return out;
}
