// The vocabulary of the /api/v1 catalogue (operations.ts and its parts by area): operation types,
// tags, and small JSON Schema builders for the response shapes.
import type { z } from 'zod';

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
  'newsletter',
  'articles',
  'events',
  'exchange',
  'search',
  'conversations',
  'practices',
  'practice-reuse',
  'competences',
  'booklet',
  'credentials',
  'training-offers',
  'stats',
  'twinnings',
  'questionnaires',
  'webhooks',
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
export const paged = (key: string, item: JsonSchema) => obj({ [key]: arr(item), page: int, pages: int, total: int });
export const following = obj({ following: bool });
export const groupMembership = (props: Record<string, JsonSchema>) => obj({ membership: obj(props) });
