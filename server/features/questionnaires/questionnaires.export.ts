// The questionnaires' part of the personal-data export: the person's responses (answers and
// scores), the questionnaires they wrote and the improvement-plan actions they own.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('questionnaires', async (db, userId) => ({
  responses: await personalRows(
    db,
    sql`SELECT q.slug, q.title, r.* FROM questionnaire_responses r JOIN questionnaires q ON q.id = r.questionnaire_id
        WHERE r.user_id = ${userId} ORDER BY r.id`,
  ),
  authored: await personalRows(db, sql`SELECT id, slug, title FROM questionnaires WHERE author_id = ${userId} ORDER BY id`),
  planActions: await personalRows(db, sql`SELECT * FROM improvement_plan_actions WHERE owner_id = ${userId} ORDER BY id`),
}));
