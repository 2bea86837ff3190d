// The competence booklet's part of the personal-data export: experiences (with their competences),
// courses declared, validations, credentials issued and imported, and what the person shows.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('booklet', async (db, userId) => ({
  experiences: await personalRows(db, sql`SELECT * FROM booklet_experiences WHERE user_id = ${userId} ORDER BY id`),
  experienceCompetences: await personalRows(
    db,
    sql`SELECT ec.* FROM booklet_experience_competences ec JOIN booklet_experiences e ON e.id = ec.experience_id WHERE e.user_id = ${userId}`,
  ),
  courses: await personalRows(db, sql`SELECT * FROM booklet_courses WHERE user_id = ${userId}`),
  validations: await personalRows(db, sql`SELECT * FROM competence_validations WHERE user_id = ${userId}`),
  credentials: await personalRows(db, sql`SELECT * FROM credentials WHERE user_id = ${userId}`),
  importedCredentials: await personalRows(db, sql`SELECT * FROM imported_credentials WHERE user_id = ${userId}`),
  visibility: await personalRows(db, sql`SELECT * FROM booklet_visibility WHERE user_id = ${userId}`),
}));
