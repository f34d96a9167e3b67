import { createLocalJWKSet, createRemoteJWKSet, importJWK, jwtVerify, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { isRole, type Identity, type Role } from '../../lib/identity.ts';

/** Bearer tokens: `sub`, `roles`, `owners` (owner codes), `kvk` (contractors). */
export const JWT_DEFAULTS = { issuer: 'social-return-hub', audience: 'social-return-hub' };

export interface JwtSettings {
  /** A JWKS URL (production) or the local public key (embedded default). */
  keys: { jwksUrl: string } | { publicKey: JWK };
  issuer?: string;
  audience?: string;
}

export class TokenError extends Error {}

export function jwtVerifier(settings: JwtSettings): (token: string) => Promise<Identity> {
  const keySet: JWTVerifyGetKey = 'jwksUrl' in settings.keys
    ? createRemoteJWKSet(new URL(settings.keys.jwksUrl))
    : createLocalJWKSet({ keys: [settings.keys.publicKey] });
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        issuer: settings.issuer ?? JWT_DEFAULTS.issuer,
        audience: settings.audience ?? JWT_DEFAULTS.audience,
        algorithms: ['EdDSA', 'ES256', 'RS256'],
      }));
    } catch (e) {
      throw new TokenError(`The bearer token is not valid (${(e as Error).message}).`);
    }
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    const owners = Array.isArray(payload.owners) ? payload.owners : [];
    if (!payload.sub || roles.length === 0 || !roles.every(isRole) || roles.includes('service') || !owners.every((o) => typeof o === 'string')) {
      throw new TokenError('The bearer token lacks a subject or valid roles.');
    }
    return {
      subject: payload.sub,
      roles: roles as Role[],
      owners: owners as string[],
      ...(typeof payload.kvk === 'string' ? { organisation: payload.kvk } : {}),
    };
  };
}

/** Issues a token with the local key (the dev credentials CLI and tests). */
export async function issueToken(privateKey: JWK, claims: { subject: string; roles: Role[]; owners?: string[]; kvk?: string; hours?: number }): Promise<string> {
  const key = await importJWK(privateKey, 'EdDSA');
  return new SignJWT({ roles: claims.roles, owners: claims.owners ?? [], ...(claims.kvk ? { kvk: claims.kvk } : {}) })
    .setProtectedHeader({ alg: 'EdDSA', kid: privateKey.kid })
    .setSubject(claims.subject)
    .setIssuer(JWT_DEFAULTS.issuer)
    .setAudience(JWT_DEFAULTS.audience)
    .setIssuedAt()
    .setExpirationTime(`${claims.hours ?? 8}h`)
    .sign(key);
}
