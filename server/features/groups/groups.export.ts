// The groups' part of the personal-data export: the person's memberships.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('groups', async (db, userId) => ({
  memberships: await personalRows(
    db,
    sql`SELECT g.id AS group_id, g.slug, g.name, m.role, m.status, m.created_at
        FROM group_memberships m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ${userId} ORDER BY m.created_at`,
  ),
}));
