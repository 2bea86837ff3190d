// Private conversations: conversations, their messages and participants, blocks between people and
// reports of messages (models/migrations/0015_conversations.sql).
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { ts } from './columns.ts';

export const CONVERSATION_ORIGIN_KINDS = ['profile', 'practice', 'exchange', 'match'] as const;
export type ConversationOriginKind = (typeof CONVERSATION_ORIGIN_KINDS)[number];

/** Where a conversation started, as the feature that opened it described it (local links only). */
export type ConversationOrigin = {
  kind: ConversationOriginKind;
  links: { label: string; url: string }[];
  /** Offers "Proponi un gemellaggio" (a match between a request and an offer). */
  twinningProposal?: boolean;
};

export const MESSAGE_KINDS = ['text', 'joined', 'left'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** What a platform message ("joined", "left") says about whom. */
export type MessageData = { userId?: number; userName?: string; byName?: string };

export const REPORT_RESOLUTIONS = ['dismissed', 'removed'] as const;

export const conversations = pgTable('conversations', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  subject: text('subject').notNull(),
  origin: jsonb('origin').$type<ConversationOrigin | null>(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastMessageId: integer('last_message_id').notNull().default(0),
  lastMessageAt: ts('last_message_at').notNull().defaultNow(),
});

export const conversationMessages = pgTable(
  'conversation_messages',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull().default('text'),
    body: text('body').notNull().default(''),
    bodyHtml: text('body_html').notNull().default(''),
    data: jsonb('data').$type<MessageData>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    removedAt: ts('removed_at'),
  },
  (t) => [index('conversation_messages_conversation_idx').on(t.conversationId, t.id)],
);

export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    joinedAt: ts('joined_at').notNull().defaultNow(),
    addedBy: integer('added_by').references(() => users.id, { onDelete: 'set null' }),
    lastReadMessageId: integer('last_read_message_id').notNull().default(0),
    muted: boolean('muted').notNull().default(false),
    lastMailedMessageId: integer('last_mailed_message_id'),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    index('conversation_participants_user_idx').on(t.userId),
  ],
);

export const userBlocks = pgTable(
  'user_blocks',
  {
    blockerId: integer('blocker_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedId: integer('blocked_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] })],
);

export const messageReports = pgTable(
  'message_reports',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    messageId: integer('message_id')
      .notNull()
      .references(() => conversationMessages.id, { onDelete: 'cascade' }),
    reporterId: integer('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolution: text('resolution', { enum: REPORT_RESOLUTIONS }),
  },
  (t) => [unique('message_reports_message_id_reporter_id_key').on(t.messageId, t.reporterId)],
);

export type Conversation = typeof conversations.$inferSelect;
export type ConversationMessage = typeof conversationMessages.$inferSelect;
export type ConversationParticipant = typeof conversationParticipants.$inferSelect;
