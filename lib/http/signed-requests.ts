import type { IncomingMessage } from 'node:http';
import type { Identity } from '../identity.ts';
import { SignatureError, verifyRequest } from '../service-auth.ts';
import { HttpError } from './http-error.ts';

/** The authenticate hook of a service: only requests the gateway signed for it get through. */
export function signedByGateway(key: Buffer) {
  return async (req: IncomingMessage, body: string): Promise<Identity> => {
    try {
      return verifyRequest(key, req.headers, body);
    } catch (e) {
      if (e instanceof SignatureError) throw new HttpError(401, 'UNAUTHENTICATED', e.message);
      throw e;
    }
  };
}
