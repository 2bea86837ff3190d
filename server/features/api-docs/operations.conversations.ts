// The /api/v1 operations on private conversations: my conversations, starting one, reading one
// (its messages, by page; reading marks them read) and replying. Someone not in a conversation gets
// 404, as if it did not exist; a block between the writer and a recipient is a 403, nothing written.
import {
  listQuerySchema,
  newConversationSchema,
  replySchema,
  threadQuerySchema,
} from '../conversations/conversations.schema.ts';
import { arr, bool, dateTime, int, nullable, obj, str, type Operation } from './operations.builders.ts';

const person = obj({ id: int, name: str });
const origin = nullable({
  type: 'object',
  description: 'Where the conversation started (set by the platform, not by clients)',
  properties: {
    kind: { type: 'string', enum: ['profile', 'practice', 'match'] },
    links: arr(obj({ label: str, url: { type: 'string', description: 'A local path' } })),
    twinningProposal: bool,
  },
  required: ['kind', 'links'],
});
const message = obj(
  {
    id: int,
    conversationId: int,
    kind: {
      type: 'string',
      enum: ['text', 'joined', 'left'],
      description: 'text: written; joined/left: told by the platform',
    },
    author: nullable(person),
    body: { type: 'string', description: 'Markdown ("" when removed)' },
    bodyHtml: { type: 'string', description: 'The body rendered and sanitized' },
    removed: { ...bool, description: 'Removed by the administrators after a report' },
    user: { ...obj({ id: nullable(int), name: str }), description: 'joined/left: who' },
    createdAt: dateTime,
  },
  ['user'],
);
const conversation = obj({
  id: int,
  subject: str,
  origin,
  participants: arr(obj({ id: int, name: str, handle: str })),
  muted: bool,
  lastReadMessageId: int,
  createdAt: dateTime,
  lastMessageAt: dateTime,
  url: str,
});
const listItem = obj({
  id: int,
  subject: str,
  participants: { ...arr(person), description: 'The other participants' },
  unread: { ...int, description: 'Messages by others not read yet' },
  muted: bool,
  lastMessageAt: dateTime,
  url: str,
});

export const CONVERSATION_OPERATIONS: Operation[] = [
  {
    id: 'listConversations',
    method: 'get',
    path: '/api/v1/conversations',
    tag: 'conversations',
    auth: 'required',
    query: listQuerySchema,
    responses: {
      200: obj({ conversations: arr(listItem), unreadConversations: int, page: int, pages: int, total: int }),
    },
  },
  {
    id: 'startConversation',
    method: 'post',
    path: '/api/v1/conversations',
    tag: 'conversations',
    auth: 'required',
    body: { name: 'NewConversationInput', zod: newConversationSchema },
    responses: { 201: obj({ conversation, message }) },
    errors: [403],
  },
  {
    id: 'getConversation',
    method: 'get',
    path: '/api/v1/conversations/{id}',
    tag: 'conversations',
    auth: 'required',
    query: threadQuerySchema,
    responses: { 200: obj({ conversation, messages: arr(message), page: int, pages: int, total: int }) },
  },
  {
    id: 'sendConversationMessage',
    method: 'post',
    path: '/api/v1/conversations/{id}/messages',
    tag: 'conversations',
    auth: 'required',
    body: { name: 'ConversationReplyInput', zod: replySchema },
    responses: { 201: obj({ message }) },
    errors: [403, 409],
  },
];
