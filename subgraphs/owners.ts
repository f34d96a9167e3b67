import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What an owner brings: its settings file `subgraphs/<code>/owner.json`. */
export interface OwnerSettings {
  code: string;
  name: string;
  description: string;
  employerServicePoint: string;
  /** CBS codes (GMxxxx) of the municipalities whose data this owner holds. */
  municipalities: string[];
  /** Loopback port for `npm start`. */
  port: number;
  demo: { enterprises: number; seed: number };
  /** Months a candidate profile is kept without a change before it is erased (default 24). */
  candidateRetentionMonths?: number;
  /** Whether partners' upserts may overwrite fields this owner's staff set (default: no). */
  partnerMayOverwriteStaffFields?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Every folder under subgraphs/ with an owner.json is an owner: adding one is adding a folder. */
export function loadOwners(root = here): OwnerSettings[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'owner.json')))
    .map((d) => JSON.parse(readFileSync(join(root, d.name, 'owner.json'), 'utf8')) as OwnerSettings)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
