// The exchange's part of the personal-data export: the person's offers and requests.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('exchange', async (db, userId) => ({
  posts: await personalRows(db, sql`SELECT * FROM exchange_posts WHERE author_id = ${userId} ORDER BY id`),
}));
