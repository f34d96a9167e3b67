import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../lib/errors.ts';
import { actsFor, hasRole, type Identity } from '../../lib/identity.ts';

/**
 * Who may do what with this owner's data: one entry per type, read as a table.
 * `rows`: who may see the type at all; `write`: who may create or change it;
 * `fields`: fields with a stricter rule (null plus FORBIDDEN for others);
 * `audited`: fields whose every read is written to the audit log.
 */
type Rule = (viewer: Identity, owner: string) => boolean;

const anyone: Rule = () => true;
const nobody: Rule = () => false;
/** Municipal and WSP staff of this owner. */
const staff: Rule = (v, owner) => actsFor(v, owner, 'municipality', 'wsp');
/** Staff, or a partner platform acting for this owner (e.g. MAEX syncing its records). */
const staffOrPartner: Rule = (v, owner) => actsFor(v, owner, 'municipality', 'wsp', 'partner');
/** The municipality's own staff (buyers). */
const municipalStaff: Rule = (v, owner) => actsFor(v, owner, 'municipality');
/** A signed-in contractor: only its own organisation's rows (see `contractorScope`). */
const contractor: Rule = (v) => hasRole(v, 'contractor') && Boolean(v.organisation);
const staffOrContractor: Rule = (v, owner) => staff(v, owner) || contractor(v, owner);
/** The owner's WSP staff: the only ones who see its candidates. */
const wsp: Rule = (v, owner) => actsFor(v, owner, 'wsp');
/** A hub service writing through its outbox (signed by the gateway as `service:<owner>`). */
const hubService: Rule = (v) => hasRole(v, 'service');

interface TypePolicy {
  rows: Rule;
  write: Rule;
  fields: Record<string, Rule>;
  audited: readonly string[];
  /** Other actions than create and change, e.g. verifying. */
  actions?: Record<string, Rule>;
}

export const POLICY = {
  SocialEnterprise: { rows: anyone, write: staffOrPartner, fields: { externalReferences: staffOrPartner }, audited: ['externalReferences'] },
  Offering: { rows: anyone, write: staffOrPartner, fields: {}, audited: [] },
  // The change feed carries public marketplace data; outside systems' ids only for staff and partners.
  Change: { rows: anyone, write: nobody, fields: { externalIds: staffOrPartner }, audited: [] },
  AuditEntry: { rows: staff, write: nobody, fields: {}, audited: [] },
  // Contracts: staff of the owner see all; a contractor sees and fulfils only its own (row scope in SQL).
  Contract: { rows: staffOrContractor, write: municipalStaff, fields: {}, audited: [] },
  Realisation: { rows: staffOrContractor, write: (v, o) => staffOrContractor(v, o) || hubService(v, o), fields: {}, audited: [], actions: { decide: staff } },
  // Published vacancies are public; drafts, filled and closed ones only for staff (row scope in SQL).
  Vacancy: { rows: anyone, write: staff, fields: {}, audited: [] },
  CandidateProfile: { rows: wsp, write: wsp, fields: {}, audited: [], actions: { erase: wsp, match: wsp } },
  // Asked by the vacancy's side (checked per row); every later step is the candidate owner's WSP.
  Introduction: { rows: wsp, write: nobody, fields: {}, audited: [], actions: { contact: wsp, consent: wsp, release: wsp } },
  Placement: { rows: staff, write: wsp, fields: {}, audited: [] },
  ValuationRules: { rows: anyone, write: nobody, fields: {}, audited: [] },
} satisfies Record<string, TypePolicy>;

export type PolicyType = keyof typeof POLICY;

function refusal(viewer: Identity, what: string): GraphQLError {
  return viewer.subject === 'anonymous'
    ? new GraphQLError(`Sign in to ${what}.`, { extensions: { code: ErrorCode.UNAUTHENTICATED } })
    : new GraphQLError(`You may not ${what}.`, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** Municipal or WSP staff of this owner: the fields they set are theirs (partners keep off them). */
export const isOwnerStaff = (viewer: Identity, owner: string): boolean => staff(viewer, owner);

/** Throws UNAUTHENTICATED/FORBIDDEN unless the viewer may write this type at this owner. */
export function requireWrite(viewer: Identity, owner: string, type: PolicyType): void {
  if (!POLICY[type].write(viewer, owner)) throw refusal(viewer, `change ${type} data of owner "${owner}"`);
}

export function requireRows(viewer: Identity, owner: string, type: PolicyType): void {
  if (!POLICY[type].rows(viewer, owner)) throw refusal(viewer, `read ${type} data of owner "${owner}"`);
}

export function requireAction(viewer: Identity, owner: string, type: PolicyType, action: string): void {
  const rule = (POLICY[type] as TypePolicy).actions?.[action] ?? nobody;
  if (!rule(viewer, owner)) throw refusal(viewer, `${action} ${type} data of owner "${owner}"`);
}

/**
 * The row scope of contract data: null for the owner's staff (every row), the contractor's
 * KvK number for a contractor (its own rows only). Call after `requireRows`.
 */
export function contractorScope(viewer: Identity, owner: string): string | null {
  return staff(viewer, owner) ? null : viewer.organisation!;
}

/** Whether the viewer may see this one contract row (its contractor's KvK). */
export function maySeeContract(viewer: Identity, owner: string, contractorKvk: string): boolean {
  return staff(viewer, owner) || (contractor(viewer, owner) && viewer.organisation === contractorKvk);
}

/** Whether the viewer may record a realisation on this contract: as above, or a hub service's outbox. */
export function mayRecordOn(viewer: Identity, owner: string, contractorKvk: string): boolean {
  return maySeeContract(viewer, owner, contractorKvk) || hubService(viewer, owner);
}

/** Staff of this owner see vacancies in every status; everyone else only published ones. */
export function seesUnpublishedVacancies(viewer: Identity, owner: string): boolean {
  return staff(viewer, owner);
}

/**
 * The side of an introduction that asked: the WSP of the vacancy's owner, or the employer
 * itself (a contractor of that KvK number).
 */
export function isAskingSide(viewer: Identity, vacancyOwner: string, employerKvk: string): boolean {
  return wsp(viewer, vacancyOwner) || (contractor(viewer, vacancyOwner) && viewer.organisation === employerKvk);
}

/** Candidates are matched only for the WSP staff of the vacancy's owner. */
export function mayMatchFor(viewer: Identity, vacancyOwner: string): boolean {
  return wsp(viewer, vacancyOwner);
}

type Resolver = (parent: any, args: any, ctx: any, info: any) => unknown;

/**
 * Wraps a type's resolvers with its field rules and read auditing, so resolvers stay free of
 * access checks. `ctx` must carry `viewer`, `owner.code` and `auditRead`.
 */
export function guardType<R extends Record<string, unknown>>(type: PolicyType, resolvers: R): R {
  const policy: TypePolicy = POLICY[type];
  const guarded: Record<string, unknown> = { ...resolvers };
  const fields = new Set([...Object.keys(policy.fields), ...policy.audited]);
  for (const field of fields) {
    const inner = (resolvers[field] as Resolver | undefined) ?? ((parent: Record<string, unknown>) => parent[field]);
    const rule = policy.fields[field] ?? anyone;
    guarded[field] = (parent: { id: string }, args: unknown, ctx: { viewer: Identity; owner: { code: string }; auditRead: (t: string, id: string, f: string) => void }, info: unknown) => {
      if (!rule(ctx.viewer, ctx.owner.code)) throw refusal(ctx.viewer, `see ${type}.${field}`);
      if (policy.audited.includes(field)) ctx.auditRead(type, parent.id, field);
      return inner(parent, args, ctx, info);
    };
  }
  return guarded as R;
}
