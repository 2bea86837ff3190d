// The calendar's part of the personal-data export: event registrations.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('events', async (db, userId) => ({
  registrations: await personalRows(
    db,
    sql`SELECT e.id AS event_id, e.title, r.status, r.registered_at, r.attended
        FROM event_registrations r JOIN calendar_events e ON e.id = r.event_id WHERE r.user_id = ${userId}`,
  ),
}));
