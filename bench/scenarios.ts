/** The benchmark scenarios: what each asks, of which server. */
export interface Scenario {
  id: string;
  title: string;
  /** Which server answers: a key of the run's servers. */
  server: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Requests taken in turn instead of one fixed request (e.g. register, then update). */
  rotation?: { query: string; variables: Record<string, unknown> }[];
  /** Needs a staff token (writes). */
  staff?: boolean;
}

const TARGETED = `{ socialEnterprises(first: 20, filter: { owner: "den-haag" }) { nodes { id name kvkNumber municipality { code } } } }`;
const FAN_OUT = `{ socialEnterprises(first: 20) { nodes { id name kvkNumber municipality { code } } } }`;
/** Scenario e: regional offerings joined with catalog categories and municipalities. */
export const joinQuery = (first: number) =>
  `{ offerings(first: ${first}, filter: { owner: "den-haag" }) { nodes { id name category { name cpvCodes { code } } serviceArea { name } } } }`;
/** Scenario f: a page of enterprises with their offerings and the offerings' categories. */
export const entityHeavyQuery = (first: number) =>
  `{ socialEnterprises(first: ${first}) { nodes { id name offerings { name category { name } } } } }`;
const UPDATE = `mutation($id: ID!) { updateOffering(id: $id, input: { socialReturnNote: "bench" }) { id updatedAt } }`;
const REGISTER = `mutation($e: ID!) { registerOffering(input: {
  enterpriseId: $e, name: "Bench schoonmaak", description: "Kantoorschoonmaak, geregistreerd door de benchmark.",
  kind: SERVICE, category: "cleaning", cpvCode: "90919200-4", price: { amount: "31.50", unit: PER_HOUR },
  serviceArea: ["GM0518"], countsForSocialReturn: true }) { id } }`;

/**
 * Scenario g: a register and an update in turn. Registrations go round the owner's
 * enterprises, so no enterprise reaches its cap of 50 offerings in a run.
 */
function writes(enterpriseIds: readonly string[], offeringId: string): Scenario['rotation'] {
  return enterpriseIds.flatMap((e) => [{ query: REGISTER, variables: { e } }, { query: UPDATE, variables: { id: offeringId } }]);
}

export function scenarios(offeringId: string, enterpriseIds: readonly string[]): Scenario[] {
  return [
    { id: 'a', title: 'one owner directly (ceiling)', server: 'owner', query: TARGETED },
    { id: 'b0', title: 'plain @apollo/gateway, its default client', server: 'plainDefault', query: TARGETED },
    { id: 'b', title: 'plain @apollo/gateway, keep-alive client as the hub', server: 'plainKeepAlive', query: TARGETED },
    { id: 'c', title: 'hub, targeted at one owner', server: 'hub', query: TARGETED },
    { id: 'c-bare', title: 'hub without auth limits, targeted', server: 'hubBare', query: TARGETED },
    { id: 'd', title: 'hub, fanned out over 3 owners (keyset merge)', server: 'hub', query: FAN_OUT },
    { id: 'd-bare', title: 'hub without limits, fanned out', server: 'hubBare', query: FAN_OUT },
    { id: 'e', title: 'hub, regional joined with catalog entities', server: 'hub', query: joinQuery(20) },
    { id: 'f', title: 'hub, 50 enterprises with offerings and categories', server: 'hub', query: entityHeavyQuery(50) },
    { id: 'f-1phase', title: 'hub, the same in one phase (ROUTER_TWO_PHASE=off)', server: 'hubOnePhase', query: entityHeavyQuery(50) },
    { id: 'g', title: 'hub, writes: register an offering, update one, in turn', server: 'hub', query: REGISTER, rotation: writes(enterpriseIds, offeringId), staff: true },
  ];
}
