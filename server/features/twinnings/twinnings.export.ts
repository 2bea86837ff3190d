// The twinnings' part of the personal-data export: the twinnings the person takes part in or proposed.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('twinnings', async (db, userId) => ({
  participations: await personalRows(
    db,
    sql`SELECT t.id, t.slug, t.title, p.role, p.joined_at
        FROM twinning_participants p JOIN twinnings t ON t.id = p.twinning_id WHERE p.user_id = ${userId} ORDER BY t.id`,
  ),
  proposed: await personalRows(
    db,
    sql`SELECT id, slug, title, created_at FROM twinnings WHERE proposed_by = ${userId} OR created_by = ${userId} ORDER BY id`,
  ),
}));
