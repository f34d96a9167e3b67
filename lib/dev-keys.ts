import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { ROOT } from './paths.ts';

/**
 * Key material for a hub on one machine (npm start, tests, the credentials CLI): made once
 * under `.data/keys/` and kept. Production sets HUB_SIGNING_SECRET, JWKS_URL and
 * API_KEYS_FILE instead (see README).
 */
export interface DevKeys {
  signingSecret: Buffer;
  jwtPrivateKey: JWK;
  jwtPublicKey: JWK;
  apiKeysFile: string;
}

export const DEV_KEYS_DIR = join(ROOT, '.data', 'keys');

export async function ensureDevKeys(dir = DEV_KEYS_DIR): Promise<DevKeys> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secretFile = join(dir, 'hub-signing-secret');
  const jwtFile = join(dir, 'jwt-ed25519.json');
  const apiKeysFile = join(dir, 'api-keys.json');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  if (!existsSync(jwtFile)) {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = randomBytes(8).toString('hex');
    const pair = { privateKey: { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' }, publicKey: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA' } };
    writeFileSync(jwtFile, JSON.stringify(pair, null, 2), { mode: 0o600 });
  }
  if (!existsSync(apiKeysFile)) writeFileSync(apiKeysFile, JSON.stringify({ keys: [] }, null, 2), { mode: 0o600 });
  const pair = JSON.parse(readFileSync(jwtFile, 'utf8')) as { privateKey: JWK; publicKey: JWK };
  return {
    signingSecret: Buffer.from(readFileSync(secretFile, 'utf8').trim(), 'base64url'),
    jwtPrivateKey: pair.privateKey,
    jwtPublicKey: pair.publicKey,
    apiKeysFile,
  };
}
