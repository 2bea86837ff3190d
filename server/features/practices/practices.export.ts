// The practices' part of the personal-data export: practices the person authored or created,
// stories told and reuses declared.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('practices', async (db, userId) => ({
  authored: await personalRows(
    db,
    sql`SELECT p.id, p.slug, p.title, p.status, p.created_at, (p.created_by = ${userId}) AS created_by_you
        FROM practices p WHERE p.created_by = ${userId}
           OR EXISTS (SELECT 1 FROM practice_authors a WHERE a.practice_id = p.id AND a.user_id = ${userId}) ORDER BY p.id`,
  ),
  stories: await personalRows(db, sql`SELECT * FROM practice_stories WHERE author_id = ${userId}`),
  reuses: await personalRows(db, sql`SELECT * FROM practice_reuses WHERE declared_by = ${userId}`),
}));
