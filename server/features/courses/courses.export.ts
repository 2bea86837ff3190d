// The courses' part of the personal-data export: enrolments, lessons completed, quiz attempts
// and learning statements.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('courses', async (db, userId) => ({
  enrolments: await personalRows(
    db,
    sql`SELECT c.slug, c.title, e.* FROM course_enrolments e JOIN courses c ON c.id = e.course_id WHERE e.user_id = ${userId}`,
  ),
  lessonCompletions: await personalRows(db, sql`SELECT * FROM lesson_completions WHERE user_id = ${userId}`),
  quizAttempts: await personalRows(db, sql`SELECT * FROM quiz_attempts WHERE user_id = ${userId} ORDER BY id`),
  learningStatements: await personalRows(db, sql`SELECT * FROM learning_statements WHERE user_id = ${userId}`),
}));
