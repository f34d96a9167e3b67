import { readFileSync } from 'node:fs';
import type { GatewaySecurity } from '../gateway/server.ts';
import { readApiKeys } from '../gateway/auth/api-keys.ts';
import { ensureDevKeys } from '../lib/dev-keys.ts';
import { serviceKey } from '../lib/service-auth.ts';

/**
 * Key material from the environment (production) or from `.data/keys/` (a hub on one machine):
 * HUB_SIGNING_SECRET (gateway master secret, base64url), HUB_SIGNING_KEY (a service's own
 * derived key), JWKS_URL, JWT_ISSUER, JWT_AUDIENCE, API_KEYS_FILE, CORS_ORIGINS,
 * PERSISTED_QUERIES_FILE, NODE_ENV=production, HUB_LIMITS, RATE_LIMIT_PER_MINUTE.
 */
const fromBase64 = (v: string) => Buffer.from(v, 'base64url');

export async function serviceSigningKey(service: string, env = process.env): Promise<Buffer> {
  if (env.HUB_SIGNING_KEY) return fromBase64(env.HUB_SIGNING_KEY);
  const master = env.HUB_SIGNING_SECRET ? fromBase64(env.HUB_SIGNING_SECRET) : (await ensureDevKeys()).signingSecret;
  return serviceKey(master, service);
}

export async function gatewaySecurityFromEnv(env = process.env): Promise<GatewaySecurity> {
  const dev = env.HUB_SIGNING_SECRET && env.JWKS_URL && env.API_KEYS_FILE ? undefined : await ensureDevKeys();
  return {
    signingSecret: env.HUB_SIGNING_SECRET ? fromBase64(env.HUB_SIGNING_SECRET) : dev!.signingSecret,
    jwt: {
      keys: env.JWKS_URL ? { jwksUrl: env.JWKS_URL } : { publicKey: dev!.jwtPublicKey },
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
    },
    apiKeys: readApiKeys(env.API_KEYS_FILE ?? dev!.apiKeysFile),
    corsOrigins: (env.CORS_ORIGINS ?? 'http://localhost:3000,http://127.0.0.1:3000,http://localhost:5173').split(',').map((s) => s.trim()).filter(Boolean),
    production: env.NODE_ENV === 'production',
    // Benchmarks compare the bare router with a plain gateway: HUB_LIMITS=off, RATE_LIMIT_PER_MINUTE=off.
    limits: env.HUB_LIMITS === 'off' ? false : undefined,
    rateLimit: env.RATE_LIMIT_PER_MINUTE === 'off' ? false
      : env.RATE_LIMIT_PER_MINUTE ? { points: Number(env.RATE_LIMIT_PER_MINUTE), durationSeconds: 60 } : undefined,
    allowList: env.PERSISTED_QUERIES_FILE ? JSON.parse(readFileSync(env.PERSISTED_QUERIES_FILE, 'utf8')) as Record<string, string> : undefined,
  };
}
