// Durable domain events: the transactional outbox the dispatcher delivers from (server/core/outbox.ts).
import { bigint, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

export const domainEvents = pgTable('domain_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  type: text('type').notNull(),
  payload: jsonb('payload').notNull(),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
  /** When it may be (re)tried: now when written, after a lease while claimed, later after a failure. */
  availableAt: ts('available_at').notNull().defaultNow(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  dispatchedAt: ts('dispatched_at'),
});

export type DomainEventRow = typeof domainEvents.$inferSelect;
