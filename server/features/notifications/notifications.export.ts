// The notifications' part of the personal-data export.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('notifications', async (db, userId) => ({
  notifications: await personalRows(
    db,
    sql`SELECT id, kind, group_id, thread_id, post_id, data, created_at, read_at, emailed_at
        FROM notifications WHERE user_id = ${userId} ORDER BY id`,
  ),
}));
