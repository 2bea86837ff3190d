// The discussions' part of the personal-data export: threads opened, posts written (with their
// attachments' names; the files are in the zip's allegati/), reactions given, subscriptions, flags.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('discussions', async (db, userId) => ({
  threads: await personalRows(
    db,
    sql`SELECT t.id, t.title, g.name AS group_name, t.created_at, t.deleted_at
        FROM threads t JOIN groups g ON g.id = t.group_id WHERE t.author_id = ${userId} ORDER BY t.id`,
  ),
  posts: await personalRows(
    db,
    sql`SELECT p.id, p.thread_id, t.title AS thread_title, p.parent_id, p.body, p.created_at, p.edited_at, p.deleted_at, p.hidden_at
        FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.author_id = ${userId} ORDER BY p.id`,
  ),
  reactions: await personalRows(db, sql`SELECT * FROM reactions WHERE user_id = ${userId}`),
  subscriptions: await personalRows(
    db,
    sql`SELECT target_type, target_id, created_at FROM subscriptions WHERE user_id = ${userId}`,
  ),
  flags: await personalRows(db, sql`SELECT post_id, reason, created_at FROM flags WHERE reporter_id = ${userId}`),
  attachments: await personalRows(
    db,
    sql`SELECT id, filename, mime, size, post_id, created_at FROM attachments WHERE uploader_id = ${userId} ORDER BY id`,
  ),
}));
