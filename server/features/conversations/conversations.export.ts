// The private conversations' part of the personal-data export. For each conversation the person
// takes part in: its subject, when they joined, their own messages in full, and of the others'
// messages only how many there are and when the last one came. The others' words are the others'
// personal data (GDPR art. 15(4): the right of access must not adversely affect the rights of
// others), and the person can read them in the platform as long as their account exists.
import { sql } from 'drizzle-orm';
import { personalRows } from '../../../models/queries/privacy.ts';
import { registerDataCollector } from '../../core/data-export.ts';

registerDataCollector('conversations', async (db, userId) => {
  const conversations = await personalRows(
    db,
    sql`SELECT c.id, c.subject, c.created_at, (c.created_by = ${userId}) AS started_by_you, cp.joined_at, cp.muted,
               (SELECT count(*)::int FROM conversation_messages m
                 WHERE m.conversation_id = c.id AND m.kind = 'text' AND m.author_id IS DISTINCT FROM ${userId}) AS others_messages
        FROM conversation_participants cp JOIN conversations c ON c.id = cp.conversation_id
        WHERE cp.user_id = ${userId} ORDER BY c.id`,
  );
  const messages = await personalRows(
    db,
    sql`SELECT id, conversation_id, body, created_at, removed_at FROM conversation_messages
        WHERE author_id = ${userId} AND kind = 'text' ORDER BY id`,
  );
  const blocks = await personalRows(
    db,
    sql`SELECT blocked_id, created_at FROM user_blocks WHERE blocker_id = ${userId}`,
  );
  return { conversations, messages, blocks };
});
