/** The benchmark scenarios: what each asks, of which server. */
export interface Scenario {
  id: string;
  title: string;
  /** Which server answers: a key of the run's servers. */
  server: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Needs a staff token (writes). */
  staff?: boolean;
}

const TARGETED = `{ socialEnterprises(first: 20, filter: { owner: "den-haag" }) { nodes { id name kvkNumber municipality { code } } } }`;
const FAN_OUT = `{ socialEnterprises(first: 20) { nodes { id name kvkNumber municipality { code } } } }`;
const JOIN = `{ offerings(first: 20, filter: { owner: "den-haag" }) { nodes { id name category { name cpvCodes { code } } serviceArea { name } } } }`;
const ENTITY_HEAVY = `{ socialEnterprises(first: 50) { nodes { id name offerings { name category { name } } } } }`;
const WRITE = `mutation($id: ID!) { updateOffering(id: $id, input: { socialReturnNote: "bench" }) { id updatedAt } }`;

export function scenarios(offeringId: string): Scenario[] {
  return [
    { id: 'a', title: 'one owner directly (ceiling)', server: 'owner', query: TARGETED },
    { id: 'b0', title: 'plain @apollo/gateway, its default client', server: 'plainDefault', query: TARGETED },
    { id: 'b', title: 'plain @apollo/gateway, keep-alive client as the hub', server: 'plainKeepAlive', query: TARGETED },
    { id: 'c', title: 'hub, targeted at one owner', server: 'hub', query: TARGETED },
    { id: 'c-bare', title: 'hub without auth limits, targeted', server: 'hubBare', query: TARGETED },
    { id: 'd', title: 'hub, fanned out over 3 owners (keyset merge)', server: 'hub', query: FAN_OUT },
    { id: 'd-bare', title: 'hub without limits, fanned out', server: 'hubBare', query: FAN_OUT },
    { id: 'e', title: 'hub, regional joined with catalog entities', server: 'hub', query: JOIN },
    { id: 'f', title: 'hub, 50 enterprises with offerings and categories', server: 'hub', query: ENTITY_HEAVY },
    { id: 'g', title: 'hub, a write (update an offering)', server: 'hub', query: WRITE, variables: { id: offeringId }, staff: true },
  ];
}

export const SCENARIO_QUERIES = { TARGETED, FAN_OUT, JOIN, ENTITY_HEAVY };
