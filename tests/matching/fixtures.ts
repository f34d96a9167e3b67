import type { TestHub } from '../helpers/hub.ts';

/** Writes the matching tests share: each through the gateway, as the owner's own staff. */

export async function asRole(hub: TestHub, role: 'wsp' | 'municipality' | 'contractor', owner: string, organisation?: string) {
  const token = await hub.keys.token({ subject: `${role}-${owner}`, roles: [role], owners: [owner], ...(organisation ? { kvk: organisation } : {}) });
  return <T = any>(query: string, variables?: Record<string, unknown>) => hub.query<T>(query, variables, { authorization: `Bearer ${token}` });
}

export interface VacancyFields {
  occupation: string;
  skills: string[];
  postcode4: string;
  municipality: string;
  hoursMin: number;
  targetGroups: string[];
  title?: string;
  description?: string;
  status?: 'DRAFT' | 'PUBLISHED';
  employerKvk?: string;
  contractId?: string;
}

export async function registerVacancy(hub: TestHub, owner: string, f: VacancyFields): Promise<string> {
  const staff = await asRole(hub, 'wsp', owner);
  const res = await staff(`mutation($i: RegisterVacancyInput!) { registerVacancy(input: $i) { id } }`, { i: {
    owner, employer: { kvkNumber: f.employerKvk ?? '90004760', name: 'Schoon & Co Facilitair' },
    title: f.title ?? 'Schoonmaakmedewerker kantoren', description: f.description ?? 'Avondwerk in kantoren.',
    occupation: f.occupation, hoursMin: f.hoursMin, hoursMax: Math.max(f.hoursMin, 28), municipality: f.municipality,
    postcode4: f.postcode4, skills: f.skills, targetGroups: f.targetGroups, status: f.status ?? 'PUBLISHED', contractId: f.contractId,
  } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.registerVacancy.id;
}

export interface CandidateFields {
  occupations: string[];
  skills: string[];
  postcode4: string;
  hoursPerWeek: number;
  supportAvailable: boolean;
}

export async function registerCandidate(hub: TestHub, owner: string, f: CandidateFields, status?: string): Promise<string> {
  const wsp = await asRole(hub, 'wsp', owner);
  const res = await wsp(`mutation($i: RegisterCandidateInput!) { registerCandidate(input: $i) { id } }`, { i: {
    owner, ageBand: 'AGE_35_44', availableFrom: '2025-03-01', educationLevel: 'MBO_1', languages: [{ code: 'nl', level: 'A2' }], ...f,
  } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const id = res.data.registerCandidate.id as string;
  if (status) {
    const changed = await wsp(`mutation($id: ID!, $s: CandidateStatus!) { updateCandidate(id: $id, input: { status: $s }) { status } }`, { id, s: status });
    if (changed.errors) throw new Error(JSON.stringify(changed.errors));
  }
  return id;
}
