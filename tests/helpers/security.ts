import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { issueToken } from '../../gateway/auth/jwt.ts';
import type { GatewaySecurity } from '../../gateway/server.ts';
import type { Role } from '../../lib/identity.ts';
import { serviceKey } from '../../lib/service-auth.ts';

/** Throw-away keys for one test hub, and tokens for any role. */
export interface TestSecurity {
  security: GatewaySecurity;
  keyFor(service: string): Buffer;
  token(claims: { subject?: string; roles: Role[]; owners?: string[]; kvk?: string }): Promise<string>;
}

export async function testSecurity(overrides: Partial<GatewaySecurity> = {}): Promise<TestSecurity> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = 'test';
  const priv: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' };
  const pub: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA' };
  const signingSecret = randomBytes(32);
  return {
    security: {
      signingSecret,
      jwt: { keys: { publicKey: pub } },
      apiKeys: [],
      corsOrigins: ['https://frontend.example.nl'],
      production: false,
      rateLimit: false,
      ...overrides,
    },
    keyFor: (service) => serviceKey(signingSecret, service),
    token: (c) => issueToken(priv, { subject: c.subject ?? `test-${c.roles.join('-')}`, roles: c.roles, owners: c.owners, kvk: c.kvk }),
  };
}
