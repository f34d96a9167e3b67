/**
 * Dev credentials for a hub on this machine (keys under .data/keys/):
 *   npm run credentials -- token --role wsp --owner den-haag [--subject alice] [--kvk 12345678] [--hours 8]
 *   npm run credentials -- api-key --name maex --owner den-haag      (shown once; only its hash is kept)
 *   npm run credentials -- examples                                  (a token for every role)
 * A running gateway reads new API keys at its next start.
 */
import { parseArgs } from 'node:util';
import { createApiKey } from '../gateway/auth/api-keys.ts';
import { issueToken } from '../gateway/auth/jwt.ts';
import { ensureDevKeys } from '../lib/dev-keys.ts';
import { isRole, ROLES, type Role } from '../lib/identity.ts';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    role: { type: 'string', multiple: true },
    owner: { type: 'string', multiple: true },
    subject: { type: 'string' },
    kvk: { type: 'string' },
    hours: { type: 'string' },
    name: { type: 'string' },
  },
});
const keys = await ensureDevKeys();

function roles(): Role[] {
  const list = values.role ?? [];
  const bad = list.filter((r) => !isRole(r) || r === 'service');
  if (!list.length || bad.length) throw new Error(`--role must be one of ${ROLES.filter((r) => r !== 'service').join(', ')}`);
  return list as Role[];
}

switch (command) {
  case 'token': {
    const r = roles();
    console.log(await issueToken(keys.jwtPrivateKey, {
      subject: values.subject ?? `dev-${r.join('-')}`, roles: r, owners: values.owner ?? [], kvk: values.kvk,
      hours: values.hours ? Number(values.hours) : undefined,
    }));
    break;
  }
  case 'api-key': {
    if (!values.name || !values.owner?.length) throw new Error('api-key needs --name and --owner');
    const key = createApiKey(keys.apiKeysFile, values.name, (values.role?.[0] as Role | undefined) ?? 'partner', values.owner);
    console.log(key);
    console.error(`API key "${values.name}" stored (hashed) in ${keys.apiKeysFile}; restart the gateway to use it. Send it as "x-api-key".`);
    break;
  }
  case 'examples': {
    const examples: [Role, string[], string | undefined][] = [
      ['contractor', ['den-haag'], '12345678'], ['municipality', ['den-haag'], undefined], ['wsp', ['den-haag'], undefined],
      ['partner', ['den-haag'], undefined], ['analyst', [], undefined],
    ];
    for (const [role, owners, kvk] of examples) {
      const token = await issueToken(keys.jwtPrivateKey, { subject: `dev-${role}`, roles: [role], owners, kvk });
      console.log(`# ${role}${owners.length ? ` of ${owners.join(', ')}` : ''}\nexport TOKEN_${role.toUpperCase()}=${token}\n`);
    }
    break;
  }
  default:
    console.error('usage: npm run credentials -- token --role <role> [--owner <code>] | api-key --name <name> --owner <code> | examples');
    process.exit(2);
}
