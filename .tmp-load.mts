import * as schema from './drizzle/region/schema.ts';
import { openDatabase } from './lib/db/connect.ts';
import { loadOwners } from './subgraphs/owners.ts';
import { generateDemoData } from './subgraphs/region/seed/generate.ts';
import { loadDemoData } from './subgraphs/region/seed/load.ts';
for (const [owner, n] of [...loadOwners().map((o) => [o, undefined] as const), [loadOwners()[1], 100_000] as const]) {
  const db = await openDatabase({ kind: 'pglite' }, schema);
  await db.migrate('drizzle/region/migrations');
  const t0 = performance.now();
  const data = generateDemoData(owner, { enterprises: n });
  const t1 = performance.now();
  await loadDemoData(db.db, data);
  const t2 = performance.now();
  console.log(owner.code, data.enterprises.length, data.offerings.length, 'generate', Math.round(t1 - t0), 'ms, load', Math.round(t2 - t1), 'ms, statements', db.statements());
  await db.close();
}
