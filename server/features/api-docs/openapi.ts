// Builds the OpenAPI 3.1 document of /api/v1 from the operation catalogue. Request schemas are
// generated from the zod schemas the services validate with (z.toJSONSchema, input side), so the
// document cannot drift from validation; summaries are English, descriptions Italian, both from
// the apidocs locale files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT_DIR, type Config } from '../../config.ts';
import { translator } from '../../core/i18n.ts';
import { ROLES } from '../accounts/accounts.schema.ts';
import {
  OPERATIONS,
  TAGS,
  arr,
  bool,
  dateTime,
  int,
  nullable,
  obj,
  ref,
  str,
  type Auth,
  type JsonSchema,
  type Operation,
} from './operations.ts';

/** app.ts's session cookie (not imported: app.ts mounts this feature; the API docs test checks they match). */
export const SESSION_COOKIE = 'retespi.sid';

const ERROR_RESPONSES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  429: 'TooManyRequests',
};

const SUCCESS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content' };

/**
 * The JSON Schema of a zod schema's input, or `fallback` when zod cannot represent it (dates,
 * custom types...): the document is built at start-up and must never take the app down.
 */
export function jsonSchemaOf(schema: z.ZodType, fallback: JsonSchema = { type: 'object' }): JsonSchema {
  try {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
    return rest;
  } catch {
    return fallback;
  }
}

const idOrSlug = (name: string): JsonSchema =>
  /id$/i.test(name) ? { type: 'integer', minimum: 1 } : { type: 'string', maxLength: 200 };

export const pathParams = (p: string): string[] => [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

function queryParameters(query: Operation['query']): JsonSchema[] {
  if (!query) return [];
  return (Array.isArray(query) ? query : [query]).flatMap((part) => {
    const schema = part instanceof z.ZodType ? jsonSchemaOf(part) : { properties: part, required: [] };
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = (schema.required ?? []) as string[];
    return Object.entries(properties).map(([name, s]) => ({
      name,
      in: 'query',
      required: required.includes(name),
      schema: s,
    }));
  });
}

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  none: [],
  optional: [{}, { bearerAuth: [] }, { cookieAuth: [] }],
  required: [{ bearerAuth: [] }, { cookieAuth: [] }],
  token: [{ bearerAuth: [] }],
};

/** The error statuses an operation can answer: those it names plus those every such route can. */
export function errorStatuses(op: Operation): number[] {
  const statuses = new Set(op.errors ?? []);
  if (op.body || op.query) statuses.add(400);
  if (op.body) statuses.add(413);
  if (op.auth !== 'none') statuses.add(401);
  // A token without the operation's scope (insufficient_scope).
  if (op.auth !== 'none') statuses.add(403);
  if (pathParams(op.path).length) statuses.add(404);
  if (op.method !== 'get') statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

/** A response's content: JSON, or the media type a schema names in `x-media-type` (e.g. a zip download). */
function responseContent(schema: JsonSchema): JsonSchema {
  const { 'x-media-type': mediaType, ...rest } = schema;
  return { [typeof mediaType === 'string' ? mediaType : 'application/json']: { schema: rest } };
}

function buildOperation(op: Operation, schemas: Record<string, JsonSchema>): JsonSchema {
  const en = translator('en');
  const it = translator('it');
  const responses: Record<string, JsonSchema> = {};
  for (const [status, schema] of Object.entries(op.responses)) {
    responses[status] = {
      description: SUCCESS[Number(status)] ?? 'OK',
      ...(schema ? { content: responseContent(schema) } : {}),
    };
  }
  for (const status of errorStatuses(op))
    responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status]}` };

  let requestBody: JsonSchema | undefined;
  if (op.body && 'multipart' in op.body) {
    requestBody = { required: true, content: { 'multipart/form-data': { schema: op.body.multipart } } };
  } else if (op.body) {
    schemas[op.body.name] ??= 'zod' in op.body ? jsonSchemaOf(op.body.zod, op.body.fallback) : op.body.schema;
    requestBody = {
      required: op.body.required ?? true,
      content: { 'application/json': { schema: ref(op.body.name) } },
    };
  }

  return {
    operationId: op.id,
    summary: en(`apidocs.ops.${op.id}`),
    description: it(`apidocs.ops.${op.id}`),
    tags: [op.tag],
    security: SECURITY[op.auth],
    // The scope a bearer token needs here (core/auth.ts requiredScope); admin powers also need `admin`.
    ...(op.auth !== 'none' ? { 'x-required-scope': ['get', 'head'].includes(op.method) ? 'read' : 'write' } : {}),
    parameters: [
      ...pathParams(op.path).map((name) => ({ name, in: 'path', required: true, schema: idOrSlug(name) })),
      ...queryParameters(op.query),
    ],
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

/** Response shapes: what the *.view.ts presenters and the routes send. */
function responseSchemas(): Record<string, JsonSchema> {
  const named = obj({ id: int, name: str });
  return {
    Error: obj({
      error: obj(
        {
          code: str,
          message: str,
          fields: { type: 'object', additionalProperties: str, description: 'Field name → translated message' },
        },
        ['fields'],
      ),
    }),
    PublicUser: obj({
      id: int,
      name: str,
      email: str,
      role: { type: 'string', enum: [...ROLES] },
    }),
    NewToken: obj({
      token: { type: 'string', description: 'Shown once: send it as Authorization: Bearer <token>' },
      id: int,
      name: str,
      scopes: arr({ type: 'string', enum: ['read', 'write', 'admin'] }),
      expiresAt: nullable(dateTime),
      user: ref('PublicUser'),
    }),
    TokenInfo: obj({
      id: int,
      name: str,
      scopes: arr({ type: 'string', enum: ['read', 'write', 'admin'] }),
      createdAt: dateTime,
      expiresAt: nullable(dateTime),
      lastUsedAt: nullable(dateTime),
      lastUsedIp: nullable(str),
      revokedAt: nullable(dateTime),
      status: { type: 'string', enum: ['active', 'revoked', 'expired'] },
    }),
    Member: obj(
      {
        id: int,
        name: str,
        handle: str,
        role: str,
        jobTitle: str,
        region: nullable(str),
        bio: str,
        organization: nullable(obj({ slug: str, name: nullable(str) })),
        createdAt: dateTime,
        lastLoginAt: { ...nullable(dateTime), description: 'Only for signed-in callers (session or token)' },
        email: { ...str, description: "Only the caller's own, or any to an admin" },
      },
      ['lastLoginAt', 'email'],
    ),
    Organization: obj(
      { slug: str, name: str, kind: str, region: nullable(str), verified: bool, memberCount: int, url: str },
      ['memberCount'],
    ),
    Group: obj(
      {
        id: int,
        slug: str,
        name: str,
        description: str,
        theme: str,
        visibility: { type: 'string', enum: ['public', 'closed', 'private'] },
        url: str,
        memberCount: int,
        activeThreads: int,
        lastActivityAt: nullable(dateTime),
      },
      ['memberCount', 'activeThreads', 'lastActivityAt'],
    ),
    ThreadSummary: obj({
      id: int,
      title: str,
      pinned: bool,
      locked: bool,
      postCount: int,
      lastPostAt: dateTime,
      author: nullable(named),
      unread: nullable(int),
      url: str,
    }),
    Thread: obj(
      {
        id: int,
        title: str,
        groupId: int,
        group: obj({ slug: str, name: str }),
        authorId: nullable(int),
        pinned: bool,
        locked: bool,
        postCount: int,
        lastPostAt: dateTime,
        createdAt: dateTime,
        url: str,
      },
      ['group'],
    ),
    Reactions: obj({ utile: int, grazie: int, mine: arr({ type: 'string', enum: ['utile', 'grazie'] }) }),
    Post: obj(
      {
        id: int,
        parentId: nullable(int),
        threadId: int,
        position: int,
        depth: int,
        bodyHtml: nullable({ type: 'string', description: 'Sanitised HTML; null when hidden or deleted' }),
        author: nullable(obj({ id: int, name: nullable(str) })),
        createdAt: dateTime,
        editedAt: nullable(dateTime),
        deleted: bool,
        hidden: bool,
        reactions: ref('Reactions'),
        attachments: arr(ref('Attachment')),
      },
      ['threadId', 'position', 'depth', 'attachments'],
    ),
    Activity: obj(
      {
        id: int,
        type: { type: 'string', description: 'Domain event, e.g. post.created' },
        actor: nullable(named),
        object: obj({ type: str, id: int, title: str, url: str }),
        group: obj({ slug: str, name: nullable(str) }),
        createdAt: dateTime,
      },
      ['group'],
    ),
    Attachment: obj({ id: int, filename: str, mime: str, size: int, url: str }),
    FlagEntry: obj({
      id: int,
      reason: str,
      createdAt: dateTime,
      reporterName: nullable(str),
      postId: int,
      postHtml: str,
      postHidden: nullable(dateTime),
      authorName: nullable(str),
      threadId: int,
      threadTitle: str,
      groupSlug: str,
      groupName: str,
    }),
    AuditEntry: obj({
      id: int,
      action: str,
      targetType: str,
      targetId: nullable(int),
      reason: nullable(str),
      data: { type: 'object' },
      createdAt: dateTime,
      actorId: nullable(int),
      actorName: nullable(str),
      groupSlug: nullable(str),
      groupName: nullable(str),
    }),
    Notification: obj(
      {
        id: int,
        kind: str,
        read: bool,
        createdAt: dateTime,
        actor: nullable(named),
        url: str,
        text: str,
        excerpt: str,
        thread: obj({ id: int, title: str }),
        group: obj({ slug: str, name: str }),
      },
      ['excerpt', 'thread', 'group'],
    ),
  };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The whole OpenAPI 3.1 document for a deployment at config.publicUrl. */
export function buildOpenApiDocument(config: Pick<Config, 'publicUrl'>): JsonSchema {
  const it = translator('it');
  const schemas = responseSchemas();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = buildOperation(op, schemas);
  const errorResponse = (status: number) => ({
    description: it(`apidocs.errors.${status}`),
    content: { 'application/json': { schema: ref('Error') } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rete SPI API',
      version: packageVersion(),
      summary: translator('en')('apidocs.intro'),
      description: `${it('apidocs.intro')}\n\n${it('apidocs.cors')}`,
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: config.publicUrl }],
    tags: TAGS.map((name) => ({ name, description: it(`apidocs.tags.${name}.description`) })),
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([status, name]) => [name, errorResponse(Number(status))]),
      ),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: it('apidocs.auth_schemes.bearer'),
          'x-scopes': {
            read: it('apidocs.auth_scopes.read'),
            write: it('apidocs.auth_scopes.write'),
            admin: it('apidocs.auth_scopes.admin'),
          },
        },
        cookieAuth: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: it('apidocs.auth_schemes.cookie'),
        },
      },
    },
  };
}

const cache = new Map<string, JsonSchema>();
/** Built once per process (and public address): the catalogue does not change while running. */
export function openApiDocument(config: Pick<Config, 'publicUrl'>): JsonSchema {
  let doc = cache.get(config.publicUrl);
  if (!doc) cache.set(config.publicUrl, (doc = buildOpenApiDocument(config)));
  return doc;
}
