import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, type Identity } from './identity.ts';

/**
 * Trust between the gateway and the services: the gateway signs every request it sends to a
 * service after splitting it (HMAC-SHA256 over the timestamp, the identity and the body's
 * hash), with a key derived for that one service. A service accepts only a fresh, unaltered,
 * signed request, so its `_entities`/`_service` are never usable from outside.
 */
export const HEADER = {
  identity: 'x-hub-identity',
  timestamp: 'x-hub-timestamp',
  signature: 'x-hub-signature',
} as const;

/** Names the calling service when a hub service calls the gateway as itself. */
export const SERVICE_HEADER = 'x-hub-service';

/** The identity a hub service calls the gateway with (DESIGN.md §2, reading across owners). */
export function serviceIdentityOf(service: string): Identity {
  return { subject: `service:${service}`, roles: ['service'], owners: [service] };
}

/** How old a signed request may be, and how far in the future (clock skew). */
export const MAX_AGE_MS = 30_000;
const MAX_SKEW_MS = 5_000;

/** Each service gets its own key, so one service's key cannot forge requests to another. */
export function serviceKey(masterSecret: Buffer | string, service: string): Buffer {
  return createHmac('sha256', masterSecret).update(`social-return-hub/service/${service}`).digest();
}

function mac(key: Buffer, timestamp: string, identity: string, body: string): Buffer {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', key).update(`${timestamp}\n${identity}\n${bodyHash}`).digest();
}

export function signRequest(key: Buffer, identity: Identity, body: string, now = Date.now()): Record<string, string> {
  const encoded = Buffer.from(JSON.stringify(identity)).toString('base64url');
  const timestamp = String(now);
  return {
    [HEADER.identity]: encoded,
    [HEADER.timestamp]: timestamp,
    [HEADER.signature]: mac(key, timestamp, encoded, body).toString('base64url'),
  };
}

export class SignatureError extends Error {}

/** The identity of a correctly signed, fresh request; throws SignatureError otherwise. */
export function verifyRequest(
  key: Buffer,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now = Date.now(),
): Identity {
  const get = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const encoded = get(HEADER.identity);
  const timestamp = get(HEADER.timestamp);
  const signature = get(HEADER.signature);
  if (!encoded || !timestamp || !signature) throw new SignatureError('This service only answers requests signed by the hub gateway.');
  const at = Number(timestamp);
  if (!Number.isFinite(at) || now - at > MAX_AGE_MS || at - now > MAX_SKEW_MS) throw new SignatureError('The signed request has expired.');
  const expected = mac(key, timestamp, encoded, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new SignatureError('The request signature does not match.');
  const identity = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Identity;
  if (typeof identity.subject !== 'string' || !Array.isArray(identity.roles) || !identity.roles.every(isRole) || !Array.isArray(identity.owners)) {
    throw new SignatureError('The signed identity is malformed.');
  }
  return identity;
}
