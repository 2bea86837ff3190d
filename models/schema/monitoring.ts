// Monitoring (0025_monitoring.sql): the targets animators set on the network's figures for a period.
import { date, integer, numeric, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';
import { users } from './accounts.ts';

export const monitoringTargets = pgTable(
  'monitoring_targets',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** A key of FIGURES (server/features/monitoring/monitoring.figures.ts), checked by the application. */
    figure: text('figure').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    target: numeric('target', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    note: text('note').notNull().default(''),
    setBy: integer('set_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('monitoring_targets_figure_period_key').on(t.figure, t.periodFrom, t.periodTo)],
);

export type MonitoringTarget = typeof monitoringTargets.$inferSelect;
