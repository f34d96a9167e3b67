import type { IncomingHttpHeaders } from 'node:http';
import { ANONYMOUS, type Identity } from '../../lib/identity.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { SERVICE_HEADER, SignatureError, verifyRequest } from '../../lib/service-auth.ts';
import type { ApiKeyStore } from './api-keys.ts';
import { TokenError } from './jwt.ts';

/**
 * The caller's identity from the request: a bearer JWT, an API key (`x-api-key` or
 * `Authorization: ApiKey …`), a hub service calling as itself (`x-hub-service` plus the same
 * signature the gateway puts on its own requests, made with that service's key), or nobody
 * (the `public` role). A credential that is present but wrong is a 401, never a silent
 * downgrade to public.
 */
export function authenticator(verifyJwt: (token: string) => Promise<Identity>, apiKeys: ApiKeyStore, serviceKey: (service: string) => Buffer) {
  return async (headers: IncomingHttpHeaders, body: string): Promise<Identity> => {
    const service = headers[SERVICE_HEADER] as string | undefined;
    if (service) return serviceIdentity(service, serviceKey, headers, body);
    const client = clientName(headers);
    const auth = headers.authorization;
    const apiKey = (headers['x-api-key'] as string | undefined) ?? (auth?.startsWith('ApiKey ') ? auth.slice(7) : undefined);
    let identity: Identity = ANONYMOUS;
    if (apiKey) {
      const found = apiKeys.identify(apiKey.trim());
      if (!found) throw new HttpError(401, 'UNAUTHENTICATED', 'The API key is not valid.');
      identity = found;
    } else if (auth?.startsWith('Bearer ')) {
      try {
        identity = await verifyJwt(auth.slice(7).trim());
      } catch (e) {
        if (e instanceof TokenError) throw new HttpError(401, 'UNAUTHENTICATED', e.message);
        throw e;
      }
    } else if (auth) {
      throw new HttpError(401, 'UNAUTHENTICATED', 'Authorization must be "Bearer <token>" or "ApiKey <key>".');
    }
    return client ? { ...identity, client } : identity;
  };
}

function clientName(headers: IncomingHttpHeaders): string | undefined {
  const v = (headers['apollographql-client-name'] ?? headers['x-client-name']) as string | undefined;
  return v ? v.slice(0, 64) : undefined;
}

/** A hub service (e.g. a regional service reading a supplier of another owner at write time). */
function serviceIdentity(service: string, keyFor: (service: string) => Buffer, headers: IncomingHttpHeaders, body: string): Identity {
  let identity: Identity;
  try {
    identity = verifyRequest(keyFor(service), headers, body);
  } catch (e) {
    if (e instanceof SignatureError) throw new HttpError(401, 'UNAUTHENTICATED', `Service "${service}": ${e.message}`);
    throw e;
  }
  if (identity.subject !== `service:${service}` || identity.roles.join() !== 'service') {
    throw new HttpError(401, 'UNAUTHENTICATED', `A service may only call as itself ("service:${service}").`);
  }
  return identity;
}
