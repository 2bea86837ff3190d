// The training-offer catalogue (0028_training_offers.sql): courses published by training bodies,
// schools and employment centres, fed by other systems (API, CSV) or typed in the browser.
import { sql } from 'drizzle-orm';
import { boolean, date, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts.ts';
import { ts } from './columns.ts';

/** What an offer certifies at its end. */
export const OFFER_CERTIFICATIONS = ['none', 'attendance', 'competences', 'qualification', 'license'] as const;
export type OfferCertification = (typeof OFFER_CERTIFICATIONS)[number];
/** How an offer reached the catalogue. */
export const OFFER_SOURCES = ['api', 'csv', 'form'] as const;
export type OfferSource = (typeof OFFER_SOURCES)[number];

export const trainingOffers = pgTable(
  'training_offers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    title: text('title').notNull(),
    providerName: text('provider_name').notNull(),
    description: text('description').notNull().default(''),
    online: boolean('online').notNull().default(false),
    province: text('province'),
    town: text('town'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    hours: integer('hours').notNull(),
    costCents: integer('cost_cents').notNull().default(0),
    targetAudience: text('target_audience').notNull().default(''),
    certification: text('certification', { enum: OFFER_CERTIFICATIONS }).notNull().default('none'),
    competenceCodes: text('competence_codes')
      .array()
      .notNull()
      .default(sql`'{}'`),
    url: text('url'),
    theme: text('theme').notNull(),
    source: text('source', { enum: OFFER_SOURCES }).notNull().default('form'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.organizationId, t.externalId)],
);
export type TrainingOffer = typeof trainingOffers.$inferSelect;
export type NewTrainingOffer = typeof trainingOffers.$inferInsert;
