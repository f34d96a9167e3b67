import { boolean, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** An owner of data: one regional deployment with its own database. */
export const region = pgTable('region', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  employerServicePoint: text('employer_service_point').notNull(),
});

export const labourMarketRegion = pgTable('labour_market_region', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const municipality = pgTable('municipality', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  labourMarketRegionCode: text('labour_market_region_code')
    .notNull()
    .references(() => labourMarketRegion.code),
  ownerCode: text('owner_code').references(() => region.code),
});

export const category = pgTable('category', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  groupName: text('group_name').notNull(),
  position: integer('position').notNull(),
});

export const categoryCpv = pgTable('category_cpv', {
  categoryCode: text('category_code')
    .notNull()
    .references(() => category.code),
  cpvCode: text('cpv_code').notNull(),
  label: text('label').notNull(),
  primary: boolean('is_primary').notNull().default(false),
}, (t) => [primaryKey({ columns: [t.categoryCode, t.cpvCode] })]);

export const targetGroup = pgTable('target_group', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
});
