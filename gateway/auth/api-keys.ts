import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { isRole, type Identity, type Role } from '../../lib/identity.ts';

/**
 * API keys for partner platforms. Only a SHA-256 of each key is stored (keys are 32 random
 * bytes, so a plain hash is enough); the key itself is shown once when it is made.
 */
export interface ApiKeyRecord {
  name: string;
  sha256: string;
  role: Role;
  owners: string[];
  createdAt: string;
}

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

export function readApiKeys(file: string): ApiKeyRecord[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys: ApiKeyRecord[] };
  for (const k of parsed.keys) if (!isRole(k.role)) throw new Error(`api key ${k.name} has an unknown role ${k.role}`);
  return parsed.keys;
}

export function createApiKey(file: string, name: string, role: Role, owners: string[]): string {
  const keys = readApiKeys(file).filter((k) => k.name !== name);
  const key = `srh_${randomBytes(32).toString('base64url')}`;
  keys.push({ name, sha256: hash(key), role, owners, createdAt: new Date().toISOString() });
  writeFileSync(file, JSON.stringify({ keys }, null, 2), { mode: 0o600 });
  return key;
}

export class ApiKeyStore {
  private readonly byHash: Map<string, ApiKeyRecord>;

  constructor(records: readonly ApiKeyRecord[]) {
    this.byHash = new Map(records.map((r) => [r.sha256, r]));
  }

  identify(key: string): Identity | null {
    const record = this.byHash.get(hash(key));
    return record ? { subject: `apikey:${record.name}`, roles: [record.role], owners: record.owners } : null;
  }
}
