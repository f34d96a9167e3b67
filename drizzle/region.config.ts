import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './drizzle/region/schema.ts',
  out: './drizzle/region/migrations',
});
