import { loadOwners, type OwnerSettings } from '../subgraphs/owners.ts';

/** Ports and URLs of a local hub; every value can be overridden by environment. */
export const CATALOG_PORT = 4001;
export const GATEWAY_PORT = 4000;

export function localUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}

/** `OWNER_URLS=den-haag=http://…,rotterdam=http://…` or, by default, the owners' local ports. */
export function ownerUrls(owners: readonly OwnerSettings[] = loadOwners(), env = process.env): { code: string; url: string }[] {
  if (env.OWNER_URLS) {
    return env.OWNER_URLS.split(',').map((pair) => {
      const [code, url] = pair.split('=');
      if (!code || !url) throw new Error(`OWNER_URLS entry "${pair}" is not code=url`);
      return { code: code.trim(), url: url.trim() };
    });
  }
  return owners.map((o) => ({ code: o.code, url: localUrl(o.port) }));
}
