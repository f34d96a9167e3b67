import type { Db } from '../../lib/db/connect.ts';
import type { OwnerSettings } from '../owners.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** Who is asking (set by the gateway; `public` until a verified identity arrives). */
export interface Actor {
  subject: string;
  role: string;
  client: string | null;
}

export interface RegionContext {
  owner: OwnerSettings;
  db: Db;
  /** A fresh set per request: batching and caching never cross requests. */
  loaders: Loaders;
  actor: Actor;
}

export function createRegionContext(owner: OwnerSettings, db: Db, actor: Actor): RegionContext {
  return { owner, db, actor, loaders: createLoaders(db) };
}
