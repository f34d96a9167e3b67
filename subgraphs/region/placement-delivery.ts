import { setPlacementRealisation } from './data/placements.ts';
import type { OutboxHandler } from './outbox.ts';

/**
 * A placement on a contract becomes a realisation on the contract's owner (any owner, this one
 * included: one path): `recordRealisation` through the gateway with the outbox row's key.
 */
export const PLACEMENT_REALISATION = 'placementRealisation';

export interface PlacementRealisationPayload {
  placementId: string;
  input: Record<string, unknown>;
}

export const placementRealisation: OutboxHandler = {
  async deliver(payload: PlacementRealisationPayload, idempotencyKey, gateway) {
    const data = await gateway.query<{ recordRealisation: { id: string } }>(
      'mutation PlacementRealisation($i: RecordRealisationInput!) { recordRealisation(input: $i) { id } }',
      { i: { ...payload.input, idempotencyKey } },
    );
    return { realisationId: data.recordRealisation.id };
  },
  async delivered(tx, payload: PlacementRealisationPayload, result) {
    await setPlacementRealisation(tx, payload.placementId, String(result.realisationId));
  },
};
