import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './drizzle/catalog/schema.ts',
  out: './drizzle/catalog/migrations',
});
