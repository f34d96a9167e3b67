import type { Db } from '../../lib/db/connect.ts';
import type { Identity } from '../../lib/identity.ts';
import type { OwnerSettings } from '../owners.ts';
import { ReadAudit } from './audit.ts';
import type { ValuationRules } from './domain/valuation.ts';
import type { GatewayClient } from './gateway-client.ts';
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
  /** This owner's social-return rules; null when it has none. */
  valuation: ValuationRules | null;
  /** Reads other owners' rows at write time, as this service. */
  gateway: GatewayClient;
}

/** What lives as long as the service, as opposed to the request. */
export interface RegionServices {
  owner: OwnerSettings;
  db: Db;
  valuation: ValuationRules | null;
  gateway: GatewayClient;
}

export function createRegionContext(services: RegionServices, viewer: Identity): RegionContext {
  const { owner, db } = services;
  const readAudit = new ReadAudit();
  return {
    owner, db, viewer, readAudit, loaders: createLoaders(db), valuation: services.valuation, gateway: services.gateway,
    auditRead: (entityType, entityId, field) => readAudit.record(entityType, entityId, field),
  };
}
