import type { Db } from '../../lib/db/connect.ts';
import type { Identity } from '../../lib/identity.ts';
import type { OwnerSettings } from '../owners.ts';
import { ReadAudit } from './audit.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface RegionContext {
  owner: OwnerSettings;
  db: Db;
  /** Who is asking: the identity the gateway signed. */
  viewer: Identity;
  /** A fresh set per request: batching and caching never cross requests. */
  loaders: Loaders;
  readAudit: ReadAudit;
  auditRead(entityType: string, entityId: string, field: string): void;
}

export function createRegionContext(owner: OwnerSettings, db: Db, viewer: Identity): RegionContext {
  const readAudit = new ReadAudit();
  return {
    owner, db, viewer, readAudit, loaders: createLoaders(db),
    auditRead: (entityType, entityId, field) => readAudit.record(entityType, entityId, field),
  };
}
