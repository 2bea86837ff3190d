// The catalogue of /api/v1 operations: what each route takes and answers. Request bodies and query
// strings point at the zod schemas the services validate with, so the document follows validation;
// response shapes are written here (they come from the *.view.ts presenters). The API docs test
// fails when a registered route is missing from this list or a listed one no longer exists.
import { z } from 'zod';
import { REACTION_KINDS } from '../../../models/schema.ts';
import { registerSchema, roleSchema, tokenSchema } from '../accounts/accounts.schema.ts';
import { feedQuerySchema } from '../activity/activity.schema.ts';
import {
  editSchema,
  flagSchema,
  moderationReasonSchema,
  moveSchema,
  pageSchema,
  postInputSchema,
  reactionSchema,
  threadInputSchema,
} from '../discussions/discussions.schema.ts';
import {
  groupInputSchema,
  groupListSchema,
  inviteSchema,
  memberRoleSchema,
  reasonSchema,
} from '../groups/groups.schema.ts';
import { memberFilterSchema, profileSchema } from '../members/members.schema.ts';
import { listQuerySchema, markReadSchema, settingsSchema } from '../notifications/notifications.schema.ts';
import { mergeSchema, organizationFilterSchema } from '../organizations/organizations.schema.ts';
import { attemptSchema, catalogueSchema } from '../courses/courses.schema.ts';

export type JsonSchema = Record<string, unknown>;
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** none: public; optional: works anonymously, sees more when signed in; required: bearer or session; token: bearer only. */
export type Auth = 'none' | 'optional' | 'required' | 'token';

/** A request body: a zod schema (converted, with a hand-written fallback), plain JSON Schema, or a multipart upload. */
export type BodySpec =
  | { name: string; zod: z.ZodType; fallback?: JsonSchema; required?: boolean }
  | { name: string; schema: JsonSchema; required?: boolean }
  | { multipart: JsonSchema };

/** Query parameters: a zod object schema, hand-written JSON Schemas by name, or several of these. */
type QuerySpec = z.ZodType | Record<string, JsonSchema>;

export type Operation = {
  /** operationId, and the translation key apidocs.ops.<id> of its summary. */
  id: string;
  method: Method;
  /** OpenAPI form: /api/v1/groups/{slug}. */
  path: string;
  tag: TagId;
  auth: Auth;
  query?: QuerySpec | QuerySpec[];
  body?: BodySpec;
  /** Success responses by status; null means no body. */
  responses: Record<number, JsonSchema | null>;
  /** Error statuses beyond those the builder infers (400 for inputs, 401 for auth, 404 for path ids...). */
  errors?: number[];
};

export const TAGS = [
  'auth',
  'users',
  'organizations',
  'groups',
  'discussions',
  'moderation',
  'activity',
  'attachments',
  'notifications',
  'courses',
  'meta',
] as const;
export type TagId = (typeof TAGS)[number];

// --- Small JSON Schema builders ------------------------------------------------------------------
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const str: JsonSchema = { type: 'string' };
export const int: JsonSchema = { type: 'integer' };
export const bool: JsonSchema = { type: 'boolean' };
export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
export const nullable = (s: JsonSchema): JsonSchema =>
  '$ref' in s ? { oneOf: [s, { type: 'null' }] } : { ...s, type: [s.type, 'null'] };
export const arr = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
export const obj = (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
});
const paged = (key: string, item: JsonSchema) => obj({ [key]: arr(item), page: int, pages: int, total: int });
const following = obj({ following: bool });
const groupMembership = (props: Record<string, JsonSchema>) => obj({ membership: obj(props) });

const courseSummary = obj({
  slug: str,
  title: str,
  summary: str,
  hours: { type: 'number' },
  level: str,
  theme: str,
  audience: str,
  enrolment: str,
  status: str,
  version: int,
  lessons: int,
  learners: int,
  url: str,
});
const courseProgress = obj({
  percent: int,
  completed: bool,
  completedAt: nullable(dateTime),
  lessons: obj({ done: int, total: int }),
  quizzes: obj({ passed: int, total: int }),
  attendance: obj({ attended: int, required: int }),
});
const courseDetail = obj({
  slug: str,
  title: str,
  summary: str,
  descriptionHtml: str,
  audience: str,
  theme: str,
  hours: { type: 'number' },
  level: str,
  language: str,
  enrolment: str,
  licence: str,
  status: str,
  version: int,
  competences: arr(obj({ code: str, title: str })),
  animators: arr(obj({ name: str, id: nullable(int) })),
  completion: obj({ lessons: bool, quizzes: bool, attendance: int }),
  modules: arr(
    obj({
      slug: str,
      title: str,
      lessons: arr(obj({ slug: str, title: str, minutes: int, kind: str, done: bool }, ['done'])),
    }),
  ),
  quizzes: arr(obj({ slug: str, title: str, questions: int, passingScore: int, maxAttempts: nullable(int) })),
  sessions: arr(
    obj({
      id: int,
      title: str,
      mode: str,
      startsAt: dateTime,
      endsAt: dateTime,
      place: str,
      url: nullable(str),
      seats: int,
      free: int,
      waiting: int,
      registration: nullable(str),
    }),
  ),
  url: str,
});
const quizSchema = obj({
  slug: str,
  title: str,
  description: str,
  passingScore: int,
  maxAttempts: nullable(int),
  attempts: int,
  attemptsLeft: nullable(int),
  bestScore: nullable(obj({ score: { type: 'number' }, maxScore: { type: 'number' } })),
  passed: bool,
  questions: arr(
    obj(
      {
        id: str,
        kind: { type: 'string', enum: ['single', 'multiple', 'truefalse', 'text'] },
        text: str,
        points: { type: 'number' },
        choices: arr(obj({ id: str, text: str })),
      },
      ['choices'],
    ),
  ),
});
const attemptResult = obj({
  id: int,
  number: int,
  score: { type: 'number' },
  maxScore: { type: 'number' },
  percent: { type: 'number' },
  passed: bool,
  attemptsLeft: nullable(int),
  feedback: arr(
    obj({
      id: str,
      correct: bool,
      points: { type: 'number' },
      maxPoints: { type: 'number' },
      given: arr(str),
      correctAnswer: arr(str),
      feedback: arr(str),
      explanation: str,
    }),
  ),
});

const moderationBody = { name: 'ReasonInput', zod: moderationReasonSchema, required: false } as const;
const threadFlag = (verb: string, flag: 'locked' | 'pinned'): Operation => ({
  id: `${verb}Thread`,
  method: 'post',
  path: `/api/v1/threads/{id}/${verb}`,
  tag: 'moderation',
  auth: 'required',
  body: moderationBody,
  responses: { 200: obj({ thread: obj({ id: int, [flag]: bool }) }) },
  errors: [403],
});

export const OPERATIONS: Operation[] = [
  // --- auth
  {
    id: 'register',
    method: 'post',
    path: '/api/v1/auth/register',
    tag: 'auth',
    auth: 'none',
    body: { name: 'RegisterInput', zod: registerSchema },
    responses: { 201: obj({ user: ref('PublicUser') }) },
    errors: [409, 429],
  },
  {
    id: 'createToken',
    method: 'post',
    path: '/api/v1/auth/token',
    tag: 'auth',
    auth: 'none',
    body: { name: 'TokenInput', zod: tokenSchema },
    responses: { 201: ref('NewToken') },
    errors: [401, 429],
  },
  {
    id: 'revokeCurrentToken',
    method: 'delete',
    path: '/api/v1/auth/token',
    tag: 'auth',
    auth: 'token',
    responses: { 204: null },
  },
  {
    id: 'listTokens',
    method: 'get',
    path: '/api/v1/me/tokens',
    tag: 'auth',
    auth: 'required',
    responses: { 200: obj({ tokens: arr(ref('TokenInfo')) }) },
  },
  {
    id: 'revokeToken',
    method: 'delete',
    path: '/api/v1/me/tokens/{id}',
    tag: 'auth',
    auth: 'required',
    responses: { 204: null },
    errors: [400, 403],
  },

  // --- users
  {
    id: 'getMe',
    method: 'get',
    path: '/api/v1/me',
    tag: 'users',
    auth: 'required',
    responses: { 200: obj({ user: ref('Member') }) },
  },
  {
    id: 'updateMe',
    method: 'patch',
    path: '/api/v1/me',
    tag: 'users',
    auth: 'required',
    body: { name: 'ProfileInput', zod: profileSchema },
    responses: { 200: obj({ user: ref('Member') }) },
  },
  {
    id: 'listUsers',
    method: 'get',
    path: '/api/v1/users',
    tag: 'users',
    auth: 'optional',
    query: memberFilterSchema,
    responses: { 200: paged('users', ref('Member')) },
  },
  {
    id: 'getUser',
    method: 'get',
    path: '/api/v1/users/{id}',
    tag: 'users',
    auth: 'optional',
    responses: { 200: obj({ user: ref('Member') }) },
  },
  {
    id: 'followUser',
    method: 'put',
    path: '/api/v1/users/{id}/subscription',
    tag: 'users',
    auth: 'required',
    responses: { 200: following },
    errors: [403],
  },
  {
    id: 'unfollowUser',
    method: 'delete',
    path: '/api/v1/users/{id}/subscription',
    tag: 'users',
    auth: 'required',
    responses: { 200: following },
    errors: [403],
  },
  {
    id: 'changeUserRole',
    method: 'patch',
    path: '/api/v1/users/{id}/role',
    tag: 'users',
    auth: 'required',
    body: { name: 'RoleInput', zod: roleSchema },
    responses: { 200: obj({ user: ref('PublicUser') }) },
    errors: [403],
  },

  // --- organizations
  {
    id: 'listOrganizations',
    method: 'get',
    path: '/api/v1/organizations',
    tag: 'organizations',
    auth: 'optional',
    query: organizationFilterSchema,
    responses: { 200: obj({ organizations: arr(ref('Organization')) }) },
  },
  {
    id: 'getOrganization',
    method: 'get',
    path: '/api/v1/organizations/{slug}',
    tag: 'organizations',
    auth: 'optional',
    responses: { 200: obj({ organization: ref('Organization') }) },
  },
  {
    id: 'verifyOrganization',
    method: 'post',
    path: '/api/v1/organizations/{slug}/verify',
    tag: 'organizations',
    auth: 'required',
    body: {
      name: 'VerifyInput',
      schema: { type: 'object', properties: { verified: { type: 'boolean', default: true } } },
      required: false,
    },
    responses: { 200: obj({ organization: ref('Organization') }) },
    errors: [403],
  },
  {
    id: 'mergeOrganization',
    method: 'post',
    path: '/api/v1/organizations/{slug}/merge',
    tag: 'organizations',
    auth: 'required',
    body: { name: 'MergeInput', zod: mergeSchema },
    responses: { 200: obj({ organization: ref('Organization'), movedMembers: int }) },
    errors: [403],
  },

  // --- groups
  {
    id: 'listGroups',
    method: 'get',
    path: '/api/v1/groups',
    tag: 'groups',
    auth: 'optional',
    query: groupListSchema,
    responses: { 200: obj({ groups: arr(ref('Group')) }) },
  },
  {
    id: 'createGroup',
    method: 'post',
    path: '/api/v1/groups',
    tag: 'groups',
    auth: 'required',
    body: { name: 'GroupInput', zod: groupInputSchema },
    responses: { 201: obj({ group: ref('Group') }) },
    errors: [403],
  },
  {
    id: 'getGroup',
    method: 'get',
    path: '/api/v1/groups/{slug}',
    tag: 'groups',
    auth: 'optional',
    responses: {
      200: obj({
        group: ref('Group'),
        membership: nullable(obj({ role: { type: 'string', enum: ['owner', 'moderator', 'member'] }, status: str })),
        can: { type: 'object', additionalProperties: bool },
      }),
    },
    errors: [403],
  },
  {
    id: 'updateGroup',
    method: 'patch',
    path: '/api/v1/groups/{slug}',
    tag: 'groups',
    auth: 'required',
    body: { name: 'GroupInput', zod: groupInputSchema },
    responses: { 200: obj({ group: ref('Group') }) },
    errors: [403],
  },
  {
    id: 'joinGroup',
    method: 'post',
    path: '/api/v1/groups/{slug}/join',
    tag: 'groups',
    auth: 'required',
    responses: { 200: groupMembership({ status: str }), 202: groupMembership({ status: str }) },
  },
  {
    id: 'leaveGroup',
    method: 'post',
    path: '/api/v1/groups/{slug}/leave',
    tag: 'groups',
    auth: 'required',
    responses: { 204: null },
    errors: [400],
  },
  {
    id: 'listGroupMembers',
    method: 'get',
    path: '/api/v1/groups/{slug}/members',
    tag: 'groups',
    auth: 'optional',
    responses: {
      200: obj({ members: arr(obj({ id: int, name: str, jobTitle: str, organization: nullable(str), role: str })) }),
    },
    errors: [403],
  },
  {
    id: 'listJoinRequests',
    method: 'get',
    path: '/api/v1/groups/{slug}/requests',
    tag: 'groups',
    auth: 'required',
    responses: { 200: obj({ requests: arr(obj({ userId: int, name: str, status: str, since: dateTime })) }) },
    errors: [403],
  },
  {
    id: 'approveMember',
    method: 'post',
    path: '/api/v1/groups/{slug}/members/{userId}/approve',
    tag: 'groups',
    auth: 'required',
    responses: { 200: groupMembership({ status: str }) },
    errors: [403],
  },
  {
    id: 'removeMember',
    method: 'delete',
    path: '/api/v1/groups/{slug}/members/{userId}',
    tag: 'groups',
    auth: 'required',
    body: { name: 'RemovalInput', zod: reasonSchema, required: false },
    responses: { 204: null },
    errors: [403],
  },
  {
    id: 'setMemberRole',
    method: 'patch',
    path: '/api/v1/groups/{slug}/members/{userId}',
    tag: 'groups',
    auth: 'required',
    body: { name: 'MemberRoleInput', zod: memberRoleSchema },
    responses: { 200: groupMembership({ role: str }) },
    errors: [403],
  },
  {
    id: 'inviteMember',
    method: 'post',
    path: '/api/v1/groups/{slug}/invitations',
    tag: 'groups',
    auth: 'required',
    body: {
      name: 'InviteInput',
      zod: inviteSchema,
      fallback: obj({ handle: { type: 'string', minLength: 2, maxLength: 60 } }),
    },
    responses: { 201: groupMembership({ userId: int, status: str }) },
    errors: [403, 409],
  },
  {
    id: 'followGroup',
    method: 'put',
    path: '/api/v1/groups/{slug}/subscription',
    tag: 'groups',
    auth: 'required',
    responses: { 200: following },
    errors: [403],
  },
  {
    id: 'unfollowGroup',
    method: 'delete',
    path: '/api/v1/groups/{slug}/subscription',
    tag: 'groups',
    auth: 'required',
    responses: { 200: following },
  },

  // --- discussions
  {
    id: 'listThreads',
    method: 'get',
    path: '/api/v1/groups/{slug}/threads',
    tag: 'discussions',
    auth: 'optional',
    query: pageSchema,
    responses: { 200: paged('threads', ref('ThreadSummary')) },
    errors: [403],
  },
  {
    id: 'createThread',
    method: 'post',
    path: '/api/v1/groups/{slug}/threads',
    tag: 'discussions',
    auth: 'required',
    body: { name: 'ThreadInput', zod: threadInputSchema },
    responses: { 201: obj({ thread: ref('Thread'), post: obj({ id: int, bodyHtml: str }) }) },
    errors: [403],
  },
  {
    id: 'getThread',
    method: 'get',
    path: '/api/v1/threads/{id}',
    tag: 'discussions',
    auth: 'optional',
    query: pageSchema,
    responses: { 200: obj({ thread: ref('Thread'), posts: arr(ref('Post')), page: int, pages: int, total: int }) },
    errors: [403],
  },
  {
    id: 'createPost',
    method: 'post',
    path: '/api/v1/threads/{id}/posts',
    tag: 'discussions',
    auth: 'required',
    body: { name: 'PostInput', zod: postInputSchema },
    responses: { 201: obj({ post: ref('Post') }) },
    errors: [403],
  },
  {
    id: 'editPost',
    method: 'patch',
    path: '/api/v1/posts/{id}',
    tag: 'discussions',
    auth: 'required',
    body: { name: 'EditInput', zod: editSchema },
    responses: { 200: obj({ post: ref('Post') }) },
    errors: [403],
  },
  {
    id: 'deletePost',
    method: 'delete',
    path: '/api/v1/posts/{id}',
    tag: 'discussions',
    auth: 'required',
    body: moderationBody,
    responses: { 204: null },
    errors: [403],
  },
  {
    id: 'listRevisions',
    method: 'get',
    path: '/api/v1/posts/{id}/revisions',
    tag: 'discussions',
    auth: 'required',
    responses: {
      200: obj({ revisions: arr(obj({ id: int, body: str, editor: nullable(str), createdAt: dateTime })) }),
    },
    errors: [403],
  },
  {
    id: 'flagPost',
    method: 'post',
    path: '/api/v1/posts/{id}/flag',
    tag: 'discussions',
    auth: 'required',
    body: { name: 'FlagInput', zod: flagSchema },
    responses: { 201: obj({ flag: obj({ id: int, reason: str }) }) },
    errors: [403],
  },
  {
    id: 'addReaction',
    method: 'post',
    path: '/api/v1/posts/{id}/reactions',
    tag: 'discussions',
    auth: 'required',
    body: { name: 'ReactionInput', zod: reactionSchema },
    responses: { 200: obj({ reactions: ref('Reactions') }) },
    errors: [403],
  },
  {
    id: 'removeReaction',
    method: 'delete',
    path: '/api/v1/posts/{id}/reactions',
    tag: 'discussions',
    auth: 'required',
    query: { kind: { type: 'string', enum: [...REACTION_KINDS] } },
    body: { name: 'ReactionInput', zod: reactionSchema, required: false },
    responses: { 200: obj({ reactions: ref('Reactions') }) },
    errors: [403],
  },
  {
    id: 'followThread',
    method: 'put',
    path: '/api/v1/threads/{id}/subscription',
    tag: 'discussions',
    auth: 'required',
    responses: { 200: following },
    errors: [403],
  },
  {
    id: 'unfollowThread',
    method: 'delete',
    path: '/api/v1/threads/{id}/subscription',
    tag: 'discussions',
    auth: 'required',
    responses: { 200: following },
  },

  // --- moderation
  {
    id: 'hidePost',
    method: 'post',
    path: '/api/v1/posts/{id}/hide',
    tag: 'moderation',
    auth: 'required',
    body: moderationBody,
    responses: { 200: obj({ post: obj({ id: int, hidden: bool }) }) },
    errors: [403],
  },
  {
    id: 'restorePost',
    method: 'post',
    path: '/api/v1/posts/{id}/restore',
    tag: 'moderation',
    auth: 'required',
    body: moderationBody,
    responses: { 200: obj({ post: obj({ id: int, hidden: bool }) }) },
    errors: [403],
  },
  threadFlag('lock', 'locked'),
  threadFlag('unlock', 'locked'),
  threadFlag('pin', 'pinned'),
  threadFlag('unpin', 'pinned'),
  {
    id: 'moveThread',
    method: 'post',
    path: '/api/v1/threads/{id}/move',
    tag: 'moderation',
    auth: 'required',
    body: { name: 'MoveInput', zod: moveSchema },
    responses: { 200: obj({ thread: obj({ id: int, group: str }) }) },
    errors: [403],
  },
  {
    id: 'listFlags',
    method: 'get',
    path: '/api/v1/moderation/flags',
    tag: 'moderation',
    auth: 'required',
    query: { group: str },
    responses: { 200: obj({ flags: arr(ref('FlagEntry')) }) },
    errors: [403, 404],
  },
  {
    id: 'listAudit',
    method: 'get',
    path: '/api/v1/moderation/audit',
    tag: 'moderation',
    auth: 'required',
    query: { group: str },
    responses: { 200: obj({ entries: arr(ref('AuditEntry')) }) },
    errors: [403, 404],
  },

  // --- activity
  {
    id: 'getFeed',
    method: 'get',
    path: '/api/v1/feed',
    tag: 'activity',
    auth: 'optional',
    query: [
      feedQuerySchema,
      { group: { type: 'string', description: 'Group slug' }, user: { type: 'integer', minimum: 1 } },
    ],
    responses: { 200: obj({ activities: arr(ref('Activity')), next: nullable(int) }) },
    errors: [403, 404],
  },

  // --- attachments
  {
    id: 'uploadAttachment',
    method: 'post',
    path: '/api/v1/attachments',
    tag: 'attachments',
    auth: 'required',
    body: { multipart: obj({ file: { type: 'string', contentMediaType: 'application/octet-stream' } }) },
    responses: { 201: obj({ attachment: ref('Attachment') }) },
  },

  // --- notifications
  {
    id: 'listNotifications',
    method: 'get',
    path: '/api/v1/notifications',
    tag: 'notifications',
    auth: 'required',
    query: listQuerySchema,
    responses: {
      200: obj({ notifications: arr(ref('Notification')), unread: int, page: int, pages: int, total: int }),
    },
  },
  {
    id: 'markNotificationsRead',
    method: 'post',
    path: '/api/v1/notifications/read',
    tag: 'notifications',
    auth: 'required',
    body: { name: 'MarkReadInput', zod: markReadSchema, required: false },
    responses: { 200: obj({ unread: int }) },
  },
  {
    id: 'updateNotificationSettings',
    method: 'patch',
    path: '/api/v1/me/notification-settings',
    tag: 'notifications',
    auth: 'required',
    body: { name: 'NotificationSettingsInput', zod: settingsSchema },
    responses: { 200: obj({ emailFrequency: str }) },
  },

  // --- courses
  {
    id: 'listCourses',
    method: 'get',
    path: '/api/v1/courses',
    tag: 'courses',
    auth: 'optional',
    query: catalogueSchema,
    responses: { 200: obj({ courses: arr(courseSummary) }) },
  },
  {
    id: 'getCourse',
    method: 'get',
    path: '/api/v1/courses/{slug}',
    tag: 'courses',
    auth: 'optional',
    responses: {
      200: obj({ course: courseDetail, enrolment: nullable(obj({ status: str, completedAt: nullable(dateTime) })) }),
    },
  },
  {
    id: 'enrolInCourse',
    method: 'post',
    path: '/api/v1/courses/{slug}/enroll',
    tag: 'courses',
    auth: 'required',
    responses: { 200: obj({ enrolment: obj({ status: { type: 'string', enum: ['active', 'pending'] } }) }) },
    errors: [409],
  },
  {
    id: 'getLesson',
    method: 'get',
    path: '/api/v1/courses/{slug}/lessons/{lesson}',
    tag: 'courses',
    auth: 'optional',
    responses: {
      200: obj({
        lesson: obj({
          slug: str,
          title: str,
          module: str,
          minutes: int,
          kind: str,
          video: nullable(str),
          html: str,
          done: bool,
          previous: nullable(str),
          next: nullable(str),
        }),
      }),
    },
    errors: [401, 403],
  },
  {
    id: 'completeLesson',
    method: 'post',
    path: '/api/v1/courses/{slug}/lessons/{lesson}/complete',
    tag: 'courses',
    auth: 'required',
    responses: { 200: obj({ lesson: obj({ slug: str, done: bool }), progress: courseProgress }) },
    errors: [403],
  },
  {
    id: 'getQuiz',
    method: 'get',
    path: '/api/v1/courses/{slug}/quizzes/{quiz}',
    tag: 'courses',
    auth: 'optional',
    responses: { 200: obj({ quiz: quizSchema }) },
    errors: [401, 403],
  },
  {
    id: 'submitQuizAttempt',
    method: 'post',
    path: '/api/v1/courses/{slug}/quizzes/{quiz}/attempts',
    tag: 'courses',
    auth: 'required',
    body: {
      name: 'AttemptInput',
      zod: attemptSchema,
      fallback: obj({ answers: { type: 'object', additionalProperties: true } }),
    },
    responses: { 201: obj({ attempt: attemptResult, progress: courseProgress }) },
    errors: [403, 409],
  },
  {
    id: 'getCourseProgress',
    method: 'get',
    path: '/api/v1/courses/{slug}/progress',
    tag: 'courses',
    auth: 'required',
    responses: { 200: obj({ progress: courseProgress }) },
    errors: [403],
  },
  {
    id: 'listLearningStatements',
    method: 'get',
    path: '/api/v1/courses/{slug}/statements',
    tag: 'courses',
    auth: 'required',
    responses: { 200: obj({ statements: arr({ type: 'object', description: 'xAPI 1.0.3 statement' }) }) },
    errors: [403],
  },
  {
    id: 'registerForSession',
    method: 'post',
    path: '/api/v1/courses/{slug}/sessions/{id}/register',
    tag: 'courses',
    auth: 'required',
    responses: {
      200: obj({ registration: obj({ status: { type: 'string', enum: ['registered', 'waiting'] }, position: int }) }),
    },
    errors: [403, 409],
  },
  {
    id: 'unregisterFromSession',
    method: 'delete',
    path: '/api/v1/courses/{slug}/sessions/{id}/register',
    tag: 'courses',
    auth: 'required',
    responses: { 204: null },
  },

  // --- meta
  {
    id: 'getOpenApi',
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'meta',
    auth: 'none',
    responses: { 200: { type: 'object' } },
  },
];
