// The webhooks' part of the personal-data export: the webhooks the person created (never their secrets).
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('webhooks', async (db, userId) => ({
  created: await personalRows(
    db,
    sql`SELECT id, url, created_at FROM webhooks WHERE created_by = ${userId} ORDER BY id`,
  ),
}));
