// Accounts: organizations, users, sessions and API tokens, with their enum constants.
import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

export const ORGANIZATION_KINDS = ['region', 'province', 'municipality', 'cpi', 'agency', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const ROLES = ['member', 'animator', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['it', 'en'] as const;
/** A person signs in; a service account is a system acting only through its integration tokens. */
export const USER_KINDS = ['person', 'service'] as const;
export type UserKind = (typeof USER_KINDS)[number];
/** What an API token may do: read (GET/HEAD), write (other methods), admin (an admin's powers). */
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const EMAIL_FREQUENCIES = ['immediate', 'daily', 'never'] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];
export type Locale = (typeof LOCALES)[number];

/** The twenty Italian regions (with the two autonomous provinces), the values users pick. */
export const REGIONS = [
  'Abruzzo',
  'Basilicata',
  'Calabria',
  'Campania',
  'Emilia-Romagna',
  'Friuli-Venezia Giulia',
  'Lazio',
  'Liguria',
  'Lombardia',
  'Marche',
  'Molise',
  'Piemonte',
  'Puglia',
  'Sardegna',
  'Sicilia',
  'Toscana',
  'Trentino-Alto Adige',
  'Umbria',
  "Valle d'Aosta",
  'Veneto',
] as const;

export const organizations = pgTable('organizations', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull().default('other'),
  region: text('region'),
  verified: boolean('verified').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  passwordHash: text('password_hash'),
  role: text('role', { enum: ROLES }).notNull().default('member'),
  organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
  jobTitle: text('job_title').notNull().default(''),
  region: text('region'),
  bio: text('bio').notNull().default(''),
  locale: text('locale', { enum: LOCALES }).notNull().default('it'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastLoginAt: ts('last_login_at'),
  handle: text('handle').notNull().unique(),
  emailFrequency: text('email_frequency', { enum: EMAIL_FREQUENCIES }).notNull().default('immediate'),
  /** Opted in to the Notiziario (the periodic newsletter). */
  newsletter: boolean('newsletter').notNull().default(false),
  /** E-mailed about new private messages (0015_conversations.sql). */
  messageEmails: boolean('message_emails').notNull().default(true),
  /** 0026_oidc_tokens.sql: person or service account, and the fiscal code a SPID/CIE provider vouched for. */
  kind: text('kind', { enum: USER_KINDS }).notNull().default('person'),
  fiscalNumber: text('fiscal_number').unique(),
});

export const sessions = pgTable('sessions', {
  sid: text('sid').primaryKey(),
  sess: jsonb('sess').notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: ts('expires_at').notNull(),
});

export const apiTokens = pgTable('api_tokens', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull().default(''),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
  /** 0026_oidc_tokens.sql */
  scopes: text('scopes', { enum: TOKEN_SCOPES })
    .array()
    .notNull()
    .default(sql`ARRAY['read'::text, 'write'::text]`),
  expiresAt: ts('expires_at'),
  lastUsedIp: text('last_used_ip'),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
});

/** An identity an OpenID Connect provider (SPID/CIE) vouched for, linked to an account. */
export const oidcIdentities = pgTable(
  'oidc_identities',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastLoginAt: ts('last_login_at'),
  },
  (t) => [unique().on(t.issuer, t.subject)],
);

export type Organization = typeof organizations.$inferSelect;
export type User = typeof users.$inferSelect;
