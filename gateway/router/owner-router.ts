import {
  Kind, parse, print,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../../lib/errors.ts';
import { parseGlobalId } from '../../lib/global-id.ts';
import { decodeCursor } from '../../lib/keyset-cursor.ts';
import { mergeAggregates, withAggregateSelections } from './aggregate-merge.ts';
import { mergeConnections, rankEdges, withMergeSelections, type RankedEdge } from './connection-merge.ts';
import { decodeVector, encodeVector, feedFieldFor, mergeFeeds, type FeedVector } from './feed-merge.ts';
import { argumentAt, flattenFields, operationWith, responseKey, withListArgument } from './document.ts';
import type { AggregateRule, RootRule, RoutingTable } from './routing-table.ts';
import type { OwnerTransport, SubgraphRequest, SubgraphResponse } from './transport.ts';
import { bodyVariables, fillBodies, planTwoPhase, type TwoPhase } from './two-phase.ts';
import { CircuitBreakers, DEFAULT_BREAKER, type BreakerSettings } from './circuit-breaker.ts';

/**
 * The owner router: the regional subgraph is composed once, and this is its data source.
 * It splits each subgraph operation by owner (root fields by their @route rule, `_entities`
 * by the owner each representation names), calls the owners in parallel with a timeout,
 * and puts the answers back together: lists in their original order, fan-out connections
 * merged by keyset. An owner that fails costs only its own part of the answer.
 */
export interface OwnerRouterOptions {
  table: RoutingTable;
  /** Owner codes this hub routes to. */
  owners: readonly string[];
  transport: OwnerTransport;
  /** Per-owner deadline for one request. */
  timeoutMs: number;
  /** Bytes of subgraph operation text whose analysis is kept (they repeat: the gateway caches plans). */
  cacheBytes?: number;
  /** Fetch heavy fan-out pages keys first, bodies second (two-phase.ts); default on. */
  twoPhase?: boolean;
  /** Whether the caller (the host's context) may see unsuppressed small counts of all these owners. */
  exemptFromSuppression?: (owners: readonly string[], context: unknown) => boolean;
  /** When an owner that keeps failing is skipped, and for how long (circuit-breaker.ts). */
  breaker?: BreakerSettings;
  /** Told about every owner request: its time and whether it answered, failed or was skipped. */
  observe?: (owner: string, seconds: number, outcome: 'ok' | 'failed' | 'skipped') => void;
}

/** A keep-alive socket the owner closed under us (e.g. it restarted): safe to retry a read once. */
function connectionReset(e: unknown): boolean {
  for (let err = e as { code?: string; cause?: unknown } | undefined; err; err = err.cause as typeof err) {
    if (err.code === 'ECONNRESET' || err.code === 'UND_ERR_SOCKET' || err.code === 'EPIPE') return true;
  }
  return false;
}

type Variables = Record<string, unknown>;

interface Analysis {
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Root fields, fragments spread in; skip/include applied per request. */
  rootFields: FieldNode[];
  /** Fan-out fields with the router's private selections added, by response key. */
  mergeFields: Map<string, FieldNode>;
  /** Fan-out fields whose node bodies are worth a second phase, by response key. */
  twoPhase: Map<string, TwoPhase>;
  /** Aggregate fan-out fields with the router's private selections, by response key. */
  aggregateFields: Map<string, { field: FieldNode; rule: AggregateRule }>;
}

/** How one root field is answered in this request. */
type Decision =
  | { kind: 'one'; key: string; owner: string }
  | { kind: 'error'; key: string; error: GraphQLFormattedError }
  | { kind: 'merge'; key: string; owners: string[]; first: number; field: FieldNode; twoPhase?: TwoPhase; bodyFailures?: Map<string, string> }
  | { kind: 'aggregate'; key: string; owners: string[]; field: FieldNode; rule: AggregateRule }
  | { kind: 'feed'; key: string; owners: string[]; first: number; start: FeedVector; field: FieldNode }
  | { kind: 'split'; key: string; length: number; byOwner: Map<string, OwnerShare>; itemErrors: GraphQLFormattedError[] };

/**
 * One owner's part of a split list. Identical items (Apollo's planner repeats the same
 * representation for every occurrence) are sent once: `sent` holds the original index of
 * each item sent, `slot[k]` the position in `sent` that answers original index `idx[k]`.
 */
interface OwnerShare {
  idx: number[];
  slot: number[];
  sent: number[];
}

type OwnerResult = { ok: true; response: SubgraphResponse } | { ok: false; reason: string };

const error = (message: string, code: string, path?: (string | number)[], extra: Variables = {}): GraphQLFormattedError =>
  ({ message, ...(path ? { path } : {}), extensions: { code, ...extra } });

export function ownerUnavailable(owner: string, reason: string, path?: (string | number)[]): GraphQLFormattedError {
  return error(`Owner "${owner}" did not answer (${reason}); the other owners' data is complete.`,
    ErrorCode.OWNER_UNAVAILABLE, path, { owner });
}

export class OwnerRouter {
  private readonly owners: Set<string>;
  /** Analyses by operation name and text, bounded by the text's size (the AST is a small multiple). */
  private readonly cache: LRUCache<string, Analysis>;
  private readonly breakers: CircuitBreakers;

  constructor(private readonly options: OwnerRouterOptions) {
    this.owners = new Set(options.owners);
    this.breakers = new CircuitBreakers(options.breaker ?? DEFAULT_BREAKER);
    this.cache = new LRUCache({ maxSize: options.cacheBytes ?? 4 * 2 ** 20, sizeCalculation: (_v, key) => key.length });
  }

  get ownerCodes(): string[] {
    return [...this.owners];
  }

  /** Owners the circuit breaker skips right now (for readiness and metrics). */
  circuitOpen(): Record<string, boolean> {
    return Object.fromEntries([...this.owners].map((o) => [o, this.breakers.isOpen(o)]));
  }

  async execute(request: SubgraphRequest, context?: unknown): Promise<SubgraphResponse> {
    const variables = request.variables ?? {};
    const analysis = this.analyse(request.query, request.operationName);
    const fields = analysis.rootFields.filter((f) => flattenFields(
      { kind: Kind.SELECTION_SET, selections: [f] }, analysis.fragments, variables).length > 0);
    const decisions = fields.map((f) => this.decide(f, analysis, variables));

    // Per owner: the fields it answers (rewritten where the router needs more) and variables.
    const plan = new Map<string, { fields: FieldNode[]; variables: Variables }>();
    const addTo = (owner: string, field: FieldNode, extra: Variables = {}) => {
      const entry = plan.get(owner) ?? { fields: [], variables: { ...variables } };
      entry.fields.push(field);
      Object.assign(entry.variables, extra);
      plan.set(owner, entry);
    };
    decisions.forEach((d, i) => {
      const field = fields[i];
      if (d.kind === 'one') addTo(d.owner, field);
      else if (d.kind === 'merge') for (const o of d.owners) addTo(o, d.twoPhase?.thin ?? d.field);
      else if (d.kind === 'aggregate') for (const o of d.owners) addTo(o, d.field);
      else if (d.kind === 'feed') for (const o of d.owners) addTo(o, feedFieldFor(d.field, d.start[o]));
      else if (d.kind === 'split') {
        if (field.name.value === '_entities') {
          const varName = representationsVariable(field);
          const all = variables[varName] as unknown[];
          for (const [o, share] of d.byOwner) addTo(o, field, { [varName]: share.sent.map((j) => all[j]) });
        } else {
          const rule = this.options.table.root.get(`${analysis.operation.operation === 'mutation' ? 'Mutation' : 'Query'}.${field.name.value}`) as { arg: string[] };
          const ids = argumentAt(field, rule.arg, variables) as string[];
          for (const [o, share] of d.byOwner) addTo(o, withListArgument(field, rule.arg[0], share.sent.map((j) => ids[j])));
        }
      }
    });

    const results = analysis.operation.operation === 'mutation'
      ? await this.sendInSequence(analysis, plan, context)
      : new Map(await Promise.all([...plan].map(async ([owner, p]) =>
        [owner, await this.call(owner, analysis, p.fields, p.variables, context)] as const)));
    await Promise.all(decisions.map((d) => (d.kind === 'merge' && d.twoPhase ? this.fetchBodies(d, d.twoPhase, results, variables, context) : undefined)));

    const exempt = (owners: readonly string[]) => this.options.exemptFromSuppression?.(owners, context) ?? false;
    return assemble(decisions, results, analysis, variables, exempt);
  }

  /**
   * Phase 2 of a two-phase page: the bodies of the picked rows from their owners. An owner
   * that fails now is missing from this field, and the page is cut before its first row, so
   * it stays a true prefix of the order (every row shown was fetched).
   */
  private async fetchBodies(
    d: Extract<Decision, { kind: 'merge' }>, plan: TwoPhase,
    results: Map<string, OwnerResult>, variables: Variables, context: unknown,
  ): Promise<void> {
    const pages = d.owners.map((owner) => {
      const r = results.get(owner)!;
      return { owner, connection: r.ok ? (r.response.data?.[d.key] as Variables | null | undefined) ?? null : null };
    });
    const { picked } = rankEdges(pages, d.first);
    const byOwner = new Map<string, RankedEdge[]>();
    for (const p of picked) byOwner.set(p.owner, [...(byOwner.get(p.owner) ?? []), p]);
    d.bodyFailures = new Map();
    await Promise.all([...byOwner].map(async ([owner, mine]) => {
      const got = await this.send(owner, { query: plan.bodiesQuery, variables: bodyVariables(plan, mine, variables) }, context, true);
      const bodies = got.ok ? got.response.data?._entities : undefined;
      if (!got.ok || !Array.isArray(bodies)) {
        d.bodyFailures!.set(owner, got.ok ? 'no bodies in its answer' : got.reason);
        return;
      }
      const r = results.get(owner) as { ok: true; response: SubgraphResponse };
      const filled = fillBodies(plan, d.key, pages.find((p) => p.owner === owner)!.connection!, mine, bodies, got.response.errors ?? []);
      r.response = { data: { ...r.response.data, [d.key]: filled.connection }, errors: [...(r.response.errors ?? []), ...filled.errors] };
    }));
    const cut = picked.findIndex((p) => d.bodyFailures!.has(p.owner));
    if (cut >= 0) d.first = cut;
  }


  /** Mutations run one field after another (GraphQL's serial execution), never fanned out. */
  private async sendInSequence(
    analysis: Analysis,
    plan: Map<string, { fields: FieldNode[]; variables: Variables }>,
    context: unknown,
  ): Promise<Map<string, OwnerResult>> {
    const results = new Map<string, OwnerResult>();
    for (const [owner, p] of plan) results.set(owner, await this.call(owner, analysis, p.fields, p.variables, context));
    return results;
  }

  private async call(owner: string, analysis: Analysis, fields: FieldNode[], variables: Variables, context: unknown): Promise<OwnerResult> {
    const doc = operationWith(analysis.operation, fields, analysis.fragments);
    const used = new Set((doc.definitions[0] as OperationDefinitionNode).variableDefinitions?.map((v) => v.variable.name.value));
    return this.send(owner, {
      query: print(doc),
      variables: Object.fromEntries(Object.entries(variables).filter(([k]) => used.has(k))),
      ...(analysis.operation.name ? { operationName: analysis.operation.name.value } : {}),
    }, context, analysis.operation.operation !== 'mutation');
  }

  /**
   * One request to one owner within the deadline, through its circuit breaker. A read whose
   * connection was reset is sent once more; a write never is (it may have been done).
   */
  private async send(owner: string, request: SubgraphRequest, context: unknown, read: boolean): Promise<OwnerResult> {
    if (!this.breakers.admit(owner)) {
      this.options.observe?.(owner, 0, 'skipped');
      const seconds = Math.ceil(this.breakers.retryInMs(owner) / 1000);
      return { ok: false, reason: `skipped after repeated failures; tried again in ${seconds} s` };
    }
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    const attempt = () => this.options.transport.send(owner, request, { signal: controller.signal, context });
    try {
      const response = await attempt().catch((e: unknown) => {
        if (read && !controller.signal.aborted && connectionReset(e)) return attempt();
        throw e;
      });
      this.breakers.succeeded(owner);
      this.options.observe?.(owner, (performance.now() - started) / 1000, 'ok');
      return { ok: true, response };
    } catch (e) {
      this.breakers.failed(owner);
      this.options.observe?.(owner, (performance.now() - started) / 1000, 'failed');
      const reason = controller.signal.aborted ? String((controller.signal.reason as Error)?.message ?? 'timed out') : (e as Error).message;
      return { ok: false, reason };
    } finally {
      clearTimeout(timer);
    }
  }

  private analyse(query: string, operationName?: string): Analysis {
    const cacheKey = `${operationName ?? ''}\u0000${query}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const doc: DocumentNode = parse(query);
    const operations = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    if (!operation) throw new Error(`router: no operation ${operationName ?? ''} in the subgraph request`);
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const rootFields: FieldNode[] = [];
    const flattenRoot = (sels: readonly import('graphql').SelectionNode[]) => {
      for (const s of sels) {
        if (s.kind === Kind.FIELD) rootFields.push(s);
        else if (s.kind === Kind.INLINE_FRAGMENT) flattenRoot(s.selectionSet.selections);
        else { const f = fragments.get(s.name.value); if (f) flattenRoot(f.selectionSet.selections); }
      }
    };
    flattenRoot(operation.selectionSet.selections);
    const typeName = operation.operation === 'mutation' ? 'Mutation' : 'Query';
    const mergeFields = new Map<string, FieldNode>();
    const twoPhase = new Map<string, TwoPhase>();
    const aggregateFields = new Map<string, { field: FieldNode; rule: AggregateRule }>();
    for (const f of rootFields) {
      if (f.name.value === '_entities' || f.name.value === '__typename') continue;
      const rule = this.options.table.root.get(`${typeName}.${f.name.value}`);
      if (!rule) throw new Error(`router: ${typeName}.${f.name.value} has no routing rule`);
      if (rule.to !== 'ALL') continue;
      if (rule.merge === 'aggregate') {
        aggregateFields.set(responseKey(f), { field: withAggregateSelections(f, rule.aggregate), rule: rule.aggregate });
        continue;
      }
      if (rule.merge === 'feed') continue;
      mergeFields.set(responseKey(f), withMergeSelections(f));
      // Bodies are fetched through _entities, so only pages of entities have a second phase.
      const phased = this.options.twoPhase === false || !this.options.table.entities.has(rule.nodeType) ? null
        : planTwoPhase(f, withMergeSelections, operation, fragments, rule.nodeType);
      if (phased) twoPhase.set(responseKey(f), phased);
    }
    const analysis = { operation, fragments, rootFields, mergeFields, twoPhase, aggregateFields };
    this.cache.set(cacheKey, analysis);
    return analysis;
  }

  private ownerOfId(id: unknown, path: (string | number)[]): { owner: string } | { error: GraphQLFormattedError } {
    const parsed = parseGlobalId(id);
    if (!parsed) return { error: error(`"${String(id)}" is not a valid ID (expected <owner>:<Type>:<uuid>).`, ErrorCode.BAD_USER_INPUT, path) };
    if (!this.owners.has(parsed.owner)) return { error: error(`No owner "${parsed.owner}" in this hub, so ${String(id)} does not exist.`, ErrorCode.NOT_FOUND, path, { owner: parsed.owner }) };
    return { owner: parsed.owner };
  }

  private knownOwner(code: unknown, path: (string | number)[]): { owner: string } | { error: GraphQLFormattedError } {
    if (typeof code !== 'string') return { error: error('An owner code is required.', ErrorCode.BAD_USER_INPUT, path) };
    if (!this.owners.has(code)) return { error: error(`No owner "${code}" in this hub.`, ErrorCode.NOT_FOUND, path, { owner: code }) };
    return { owner: code };
  }

  private decide(field: FieldNode, analysis: Analysis, variables: Variables): Decision {
    const key = responseKey(field);
    if (field.name.value === '_entities') return this.splitEntities(field, key, variables);
    if (field.name.value === '__typename') return { kind: 'one', key, owner: [...this.owners][0] };
    const typeName = analysis.operation.operation === 'mutation' ? 'Mutation' : 'Query';
    const rule = this.options.table.root.get(`${typeName}.${field.name.value}`) as RootRule;
    const pick = (r: { owner: string } | { error: GraphQLFormattedError }): Decision =>
      'error' in r ? { kind: 'error', key, error: r.error } : { kind: 'one', key, owner: r.owner };
    switch (rule.to) {
      case 'ID': return pick(this.ownerOfId(argumentAt(field, rule.arg, variables), [key]));
      case 'OWNER': return pick(this.knownOwner(argumentAt(field, rule.arg, variables), [key]));
      case 'EACH_ID': {
        const ids = argumentAt(field, rule.arg, variables);
        if (!Array.isArray(ids)) return { kind: 'error', key, error: error(`${rule.arg.join('.')} must be a list of IDs.`, ErrorCode.BAD_USER_INPUT, [key]) };
        return this.split(key, ids.map((id, i) => this.ownerOfId(id, [key, i])), ids.map((id) => String(id)));
      }
      case 'ALL': {
        const named = rule.ownerArg ? argumentAt(field, rule.ownerArg, variables) : undefined;
        let owners = [...this.owners];
        if (named != null) {
          const r = this.knownOwner(named, [key]);
          if ('error' in r) return { kind: 'error', key, error: r.error };
          owners = [r.owner];
        }
        if (rule.merge === 'aggregate') return { kind: 'aggregate', key, owners, ...analysis.aggregateFields.get(key)! };
        const first = argumentAt(field, ['first'], variables) ?? rule.firstDefault;
        if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > rule.firstMax) {
          return { kind: 'error', key, error: error(`first must be between 0 and ${rule.firstMax}, got ${String(first)}.`, ErrorCode.BAD_USER_INPUT, [key]) };
        }
        if (rule.merge === 'feed') {
          const start = decodeVector(argumentAt(field, ['since'], variables));
          if (!start) return { kind: 'error', key, error: error('since is not a cursor of the change feed (use pageInfo.endCursor, or null to start).', ErrorCode.BAD_USER_INPUT, [key]) };
          return { kind: 'feed', key, owners, first, start, field };
        }
        const after = argumentAt(field, ['after'], variables);
        if (after != null && (typeof after !== 'string' || !decodeCursor(after))) {
          return { kind: 'error', key, error: error('after is not a cursor of this list (use pageInfo.endCursor).', ErrorCode.BAD_USER_INPUT, [key]) };
        }
        // One owner renders only its own page: a second phase would save nothing.
        const twoPhase = owners.length > 1 ? analysis.twoPhase.get(key) : undefined;
        return { kind: 'merge', key, owners, first, field: analysis.mergeFields.get(key)!, twoPhase };
      }
    }
  }

  private splitEntities(field: FieldNode, key: string, variables: Variables): Decision {
    const reps = variables[representationsVariable(field)];
    if (!Array.isArray(reps)) return { kind: 'error', key, error: error('representations must be a list.', ErrorCode.BAD_USER_INPUT, [key]) };
    return this.split(key, reps.map((rep, i) => {
      const typename = (rep as { __typename?: string })?.__typename ?? '';
      const ownerKey = this.options.table.entities.get(typename);
      if (!ownerKey) return { error: error(`${typename} is not an entity of the regional contract.`, ErrorCode.BAD_USER_INPUT, [key, i]) };
      const value = (rep as Variables)[ownerKey.field];
      return ownerKey.globalId ? this.ownerOfId(value, [key, i]) : this.knownOwner(value, [key, i]);
    }), reps.map((rep) => JSON.stringify(rep)));
  }

  /** `sameAs[i]`: items with equal keys are the same request, sent once per owner. */
  private split(key: string, targets: ({ owner: string } | { error: GraphQLFormattedError })[], sameAs: string[]): Decision {
    const byOwner = new Map<string, OwnerShare>();
    const sentAt = new Map<string, number>();
    const itemErrors: GraphQLFormattedError[] = [];
    targets.forEach((t, i) => {
      if ('error' in t) { itemErrors.push(t.error); return; }
      let share = byOwner.get(t.owner);
      if (!share) byOwner.set(t.owner, share = { idx: [], slot: [], sent: [] });
      let slot = sentAt.get(sameAs[i]);
      if (slot === undefined) { slot = share.sent.push(i) - 1; sentAt.set(sameAs[i], slot); }
      share.idx.push(i);
      share.slot.push(slot);
    });
    return { kind: 'split', key, length: targets.length, byOwner, itemErrors };
  }
}

function representationsVariable(field: FieldNode): string {
  const arg = field.arguments?.find((a) => a.name.value === 'representations');
  if (arg?.value.kind !== Kind.VARIABLE) throw new Error('router: _entities representations must be a variable');
  return arg.value.name.value;
}

/** Puts the owners' answers back into one response for the gateway. */
function assemble(
  decisions: Decision[],
  results: Map<string, OwnerResult>,
  analysis: Analysis,
  variables: Variables,
  exempt: (owners: readonly string[]) => boolean,
): SubgraphResponse {
  const data: Variables = {};
  const errors: GraphQLFormattedError[] = [];
  // Owner errors are claimed by the decision whose field they point at; the rest pass as they are.
  const unclaimed = new Map<string, GraphQLFormattedError[]>();
  for (const [owner, r] of results) if (r.ok) unclaimed.set(owner, [...(r.response.errors ?? [])]);
  const claim = (owner: string, key: string): GraphQLFormattedError[] => {
    const list = unclaimed.get(owner) ?? [];
    const mine = list.filter((e) => e.path?.[0] === key);
    unclaimed.set(owner, list.filter((e) => e.path?.[0] !== key));
    return mine;
  };
  const tag = (e: GraphQLFormattedError, owner: string, path = e.path): GraphQLFormattedError =>
    ({ ...e, ...(path ? { path } : {}), extensions: { ...e.extensions, owner } });

  for (const d of decisions) {
    switch (d.kind) {
      case 'error':
        data[d.key] = null;
        errors.push(d.error);
        break;
      case 'one': {
        const r = results.get(d.owner)!;
        if (!r.ok) {
          data[d.key] = null;
          errors.push(ownerUnavailable(d.owner, r.reason, [d.key]));
        } else {
          data[d.key] = r.response.data?.[d.key] ?? null;
          errors.push(...claim(d.owner, d.key).map((e) => tag(e, d.owner)));
        }
        break;
      }
      case 'split': {
        const list: unknown[] = new Array(d.length).fill(null);
        errors.push(...d.itemErrors);
        for (const [owner, { idx, slot, sent }] of d.byOwner) {
          const r = results.get(owner)!;
          if (!r.ok) {
            for (const i of idx) errors.push(ownerUnavailable(owner, r.reason, [d.key, i]));
            continue;
          }
          const got = r.response.data?.[d.key];
          if (Array.isArray(got)) idx.forEach((i, k) => { list[i] = got[slot[k]] ?? null; });
          // An error on a sent item is reported once, at the first place that item was asked.
          for (const e of claim(owner, d.key)) {
            const j = e.path?.[1];
            errors.push(tag(e, owner, typeof j === 'number' && sent[j] !== undefined ? [d.key, sent[j], ...e.path!.slice(2)] : e.path));
          }
        }
        data[d.key] = list;
        break;
      }
      case 'merge': {
        const missing: string[] = [];
        const pages = d.owners.map((owner) => {
          const r = results.get(owner)!;
          const reason = r.ok ? d.bodyFailures?.get(owner) : r.reason;
          if (!r.ok || reason !== undefined) {
            missing.push(owner);
            errors.push(ownerUnavailable(owner, reason ?? 'no answer', [d.key]));
            return { owner, connection: null };
          }
          const connection = (r.response.data?.[d.key] as Variables | null | undefined) ?? null;
          if (!connection) missing.push(owner);
          return { owner, connection };
        });
        const merged = mergeConnections(d.field, analysis.fragments, variables, pages, d.first, missing);
        data[d.key] = merged.value;
        for (const owner of d.owners) {
          for (const e of claim(owner, d.key)) {
            const path = e.path ? merged.remapPath(owner, e.path) : undefined;
            if (path !== null) errors.push(tag(e, owner, path));
          }
        }
        break;
      }
      case 'feed': {
        const missing: string[] = [];
        const pages = d.owners.map((owner) => {
          const r = results.get(owner)!;
          const feed = r.ok ? (r.response.data?.[d.key] as Variables | null | undefined) ?? null : null;
          if (!r.ok) errors.push(ownerUnavailable(owner, r.reason, [d.key]));
          if (!feed) missing.push(owner);
          return { owner, feed };
        });
        const merged = mergeFeeds(d.field, analysis.fragments, variables, d.start, pages, d.first, missing);
        data[d.key] = merged.value;
        for (const owner of d.owners) {
          for (const e of claim(owner, d.key)) {
            const path = merged.remapPath(owner, e.path ?? [d.key]);
            if (path === null) continue;
            // An expired position: the cursor that resyncs this owner from its start, the others kept.
            const restart = e.extensions?.code === ErrorCode.CURSOR_EXPIRED
              ? { restartCursor: encodeVector(Object.fromEntries(Object.entries(d.start).filter(([o]) => o !== owner))) } : {};
            errors.push({ ...tag(e, owner, path), extensions: { ...e.extensions, owner, ...restart } });
          }
        }
        break;
      }
      case 'aggregate': {
        const missing: string[] = [];
        const pages = d.owners.map((owner) => {
          const r = results.get(owner)!;
          const value = r.ok ? (r.response.data?.[d.key] as Variables | null | undefined) ?? null : null;
          if (!r.ok) errors.push(ownerUnavailable(owner, r.reason, [d.key]));
          if (!value) missing.push(owner);
          return { owner, value };
        });
        data[d.key] = mergeAggregates(d.field, analysis.fragments, variables, d.rule, pages, missing, exempt);
        // Cells are regrouped: an owner's error below the field points at the field itself.
        for (const owner of d.owners) for (const e of claim(owner, d.key)) errors.push(tag(e, owner, [d.key]));
        break;
      }
    }
  }
  for (const [owner, list] of unclaimed) errors.push(...list.map((e) => tag(e, owner)));
  return errors.length ? { data, errors } : { data };
}
