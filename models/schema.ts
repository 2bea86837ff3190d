// Table definitions for the query layer. The SQL in models/migrations/ is the source of truth
// for the database; these mirror it so queries are typed.
// The tables live in models/schema/ by area; this module is the one entry point and re-exports them all.
export * from './schema/accounts.ts';
export * from './schema/discussions.ts';
export * from './schema/activity.ts';
export * from './schema/courses.ts';
export * from './schema/events.ts';
export * from './schema/newsletter.ts';
export * from './schema/articles.ts';
export * from './schema/calendar.ts';
export * from './schema/search.ts';
export * from './schema/practices.ts';
export * from './schema/exchange.ts';
export * from './schema/conversations.ts';
export * from './schema/booklet.ts';
export * from './schema/monitoring.ts';
export * from './schema/privacy.ts';
export * from './schema/twinnings.ts';
export * from './schema/questionnaires.ts';
export * from './schema/webhooks.ts';
export * from './schema/offers.ts';
