// Property test: every write operation of the JSON API (each POST, PUT and PATCH the OpenAPI
// document lists, so a new route is fuzzed as soon as it is documented) answers random and hostile
// bodies with a 4xx or a normal answer, never a 5xx: wrong types, 1 MB strings, deep nesting,
// __proto__ keys, NUL bytes, lone surrogates, huge numbers, impossible dates, invalid JSON. Bodies
// are built from each operation's own request schema (right keys, wrong or extreme values) and from
// nothing at all. Path parameters name real rows, so the body reaches the validation behind them.
import { once } from 'node:events';
import type { Server } from 'node:http';
import { expect } from 'chai';
import fc from 'fast-check';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../../server/core/http.ts';
import { createGroup, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';
import { createPractice } from '../../helpers/practices.ts';
import { cast, createTosca } from '../twinnings/helpers.ts';
import { fixture as questionnaireFixture } from '../questionnaires/helpers.ts';
import { importBookletCourse, seedTestRepertory } from '../../helpers/booklet.ts';

type Json = Record<string, any>;
type Operation = { method: 'post' | 'put' | 'patch'; template: string; schema: Json | undefined; multipart: boolean };

/** Runs per operation (PROPERTY_RUNS for a longer hunt): ~90 operations, a few ms a request. */
const RUNS = Number(process.env.PROPERTY_RUNS) || 10;
const MB = 1024 * 1024;

/** Values no schema field should accept blindly, or that used to reach PostgreSQL as they were. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  5e-324,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202e\u200b\ufeff',
  '-1',
  '1e999',
  '99999999999999999999',
  'NaN',
  'Infinity',
  'true',
  '0001-01-01',
  '9999-12-31T23:59:59Z',
  '275760-09-13T00:00:00Z',
  '+275760-09-13',
  '2026-02-30',
  '2026-13-45T25:61:00',
  '1970-01-01T00:00:00.000Z',
  'not-a-date',
  'http://',
  'javascript:alert(1)',
  'http://127.0.0.1:0/x',
  'mailto:a@b',
  'a@b',
  '"><script>alert(1)</script>',
  "' OR 1=1 --",
  '%00',
  '../../etc/passwd',
  'x'.repeat(10_000),
  [],
  [null],
  [''],
  ['\u0000'],
  [[[[]]]],
  {},
  { '': '' },
  JSON.parse('{"__proto__": {"admin": true, "role": "admin"}}'),
  { constructor: { prototype: { admin: true } } },
  { toString: 'x', valueOf: 1, hasOwnProperty: 'x' },
  // Far deeper than any form nests, with what PostgreSQL refuses at the bottom.
  JSON.parse(`${'['.repeat(40)}"a\\u0000\\ud800"${']'.repeat(40)}`),
  JSON.parse(`${'{"a":'.repeat(40)}"\\u0000"${'}'.repeat(40)}`),
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A plausible value for a JSON schema, so other fields pass and the hostile one is what is judged. */
function plausible(schema: Json | undefined, doc: Json, depth = 0): fc.Arbitrary<unknown> {
  const s = resolved(schema, doc);
  if (!s || depth > 6) return hostileValue;
  if (s.const !== undefined) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...s.enum);
  const variants = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (variants?.length) return fc.oneof(...variants.map((v) => plausible(v, doc, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (s.format === 'date') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'email') return fc.emailAddress();
      if (s.format === 'uri') return fc.webUrl();
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
    case 'integer':
      return fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -5, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(s.items, doc, depth + 1), { maxLength: 3 });
    case 'object':
      return objectOf(s, doc, depth);
    default:
      return hostileValue;
  }
}

/** An object with the schema's fields: each plausible, hostile or left out. */
function objectOf(s: Json, doc: Json, depth: number): fc.Arbitrary<Json> {
  const props = Object.entries((s.properties ?? {}) as Record<string, Json>);
  if (!props.length) return fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 3 });
  const fields = props.map(([key, sub]) =>
    fc
      .oneof(
        { weight: 4, arbitrary: plausible(sub, doc, depth + 1).map((v) => ({ v })) },
        { weight: 2, arbitrary: hostileValue.map((v) => ({ v })) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
      .map((x) => [key, x] as const),
  );
  return fc.tuple(...fields).map((entries) => {
    const out: Json = {};
    for (const [key, x] of entries) if (x) out[key] = x.v;
    return out;
  });
}

function resolved(schema: Json | undefined, doc: Json): Json | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++)
    s = (s.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce<any>((node, key) => node?.[key], doc);
  if (s?.allOf) return Object.assign({}, ...s.allOf.map((x: Json) => resolved(x, doc)));
  return s;
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);

/** A valid-looking value for a schema (first enum values, dates ahead, URLs where the name says so). */
function exampleOf(schema: Json | undefined, doc: Json, name = ''): unknown {
  const s = resolved(schema, doc);
  if (!s) return undefined;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const variants = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (variants) return exampleOf(variants.find((v) => v.type !== 'null') ?? variants[0], doc, name);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  if (type === 'string') {
    const end = /^ends?/i.test(name) ? 31 : 30;
    if (s.format === 'date-time' || /At$/.test(name)) return inDays(end).toISOString();
    if (s.format === 'date' || /(On|Date)$/.test(name)) return inDays(end).toISOString().slice(0, 10);
    if (s.format === 'email' || /email/i.test(name)) return 'prova@esempio.it';
    if (/url/i.test(name)) return 'https://esempio.it/pagina';
    return 'Testo di prova'.padEnd(s.minLength ?? 0, '.').slice(0, s.maxLength ?? 100);
  }
  if (type === 'integer' || type === 'number') return Math.max(s.minimum ?? 1, 1);
  if (type === 'boolean') return true;
  if (type === 'array') return s.minItems ? [exampleOf(s.items, doc, name)] : [];
  if (type === 'object') {
    const out: Json = {};
    for (const key of (s.required ?? []) as string[]) out[key] = exampleOf(s.properties?.[key], doc, key);
    return out;
  }
  return undefined;
}

/** What a schema cannot tell: fields required together, dates in the past, real rows to name. */
const CREATE_EXTRAS = (rows: {
  memberId: number;
  responseId?: number;
  experienceId?: number;
}): Record<string, Json> => ({
  '/api/v1/articles': { body: 'Testo della notizia.' },
  '/api/v1/events': { place: 'Firenze' },
  '/api/v1/conversations': { recipientIds: [rows.memberId] },
  '/api/v1/practices': { organization: 'formez-pa' },
  '/api/v1/booklet/experiences': { startedOn: '2025-01-10', competences: ['TBK.ACC.01'] },
  '/api/v1/booklet/validation-requests': {
    experienceId: rows.experienceId,
    competence: 'TBK.ACC.01',
    message: 'Chiedo il riconoscimento.',
  },
  '/api/v1/training-offers': { online: true },
  '/api/v1/twinnings/{slug}/milestones': { modelCode: 'A' },
  '/api/v1/plans': { responseId: rows.responseId, actions: [{ title: 'Prima azione', dimension: 'servizio' }] },
});

/** The raw texts no parser should choke on: each is sent as it is with a JSON content type. */
const nested = (depth: number, open: string, close: string, inner = '1') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
/** Bodies the shared JSON parser must refuse with a 400 (or 413) whatever the route: tried on a sample. */
const PARSER_BODIES: [string, string][] = [
  ['invalid JSON', '{"a":'],
  ['trailing garbage', '{"a":1}}'],
  ['a bare string', '"testo"'],
  ['a bare number', '12'],
  ['a bare null', 'null'],
  ['single quotes', "{'a':1}"],
  ['over 1 MB', JSON.stringify({ body: 'x'.repeat(MB + 10) })],
];

/** Bodies that parse and reach the route: tried on every operation. */
const ROUTE_BODIES: [string, string][] = [
  ['an empty body', ''],
  ['a raw NUL', '{"title":"a\u0000b"}'],
  ['escaped NULs in keys and values', '{"title\\u0000":"\\u0000","body":"a\\u0000b","name":"\\u0000"}'],
  ['lone surrogates', '{"title":"\\ud800","body":"\\udfff\\ud800x","name":"\\udc00"}'],
  ['10,000 nested arrays', nested(10_000, '[', ']')],
  ['10,000 nested objects', nested(10_000, '{"a":', '}')],
  ['deep nesting under usual keys', `{"title":${nested(5000, '[', ']')},"body":${nested(5000, '{"x":', '}')}}`],
  [
    '__proto__ keys, a null one nested',
    '{"__proto__":{"role":"admin","admin":true},"constructor":{"prototype":{"x":1}},"title":{"__proto__":null}}',
  ],
  ['huge numbers', `{"id":1${'0'.repeat(400)},"groupId":1e400,"year":-1e400}`],
  ['a 1 MB string', JSON.stringify({ title: 'x'.repeat(MB - 100), body: 'b' })],
];

describe('property: the API answers hostile bodies with a 4xx, never a 5xx', function () {
  // The first test of a process starts the in-memory database; the fixture writes a few dozen rows.
  this.timeout(120_000 * Math.max(1, RUNS / 10));
  let ctx: TestContext;
  let doc: Json;
  let operations: Operation[];
  let auth: { Authorization: string };
  let memberId = 0;
  let responseId: number | undefined;
  const rowIds = () => ({ memberId, responseId, experienceId: params.get('experiences/id') as number | undefined });
  /** The member who wrote the thread and post: an administrator who is no group member may not reply. */
  let memberAuth: { Authorization: string };
  // One listening server for every request (supertest would otherwise start one per request).
  let server: Server;
  const params = new Map<string, string | number>();

  before(async function () {
    ctx = await testContext({ RATE_LIMIT_TOKEN_MAX: '1000000', RATE_LIMIT_AUTH_MAX: '1000000' });
    server = ctx.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    doc = (await request(server).get('/api/v1/openapi.json').expect(200)).body;
    operations = Object.entries(doc.paths as Json).flatMap(([template, item]) =>
      (['post', 'put', 'patch'] as const)
        .filter((m) => item[m])
        .map((method) => {
          const content = item[method].requestBody?.content ?? {};
          return {
            method,
            template,
            schema: content['application/json']?.schema,
            multipart: Boolean(content['multipart/form-data']),
          };
        }),
    );
    expect(operations.length).to.be.greaterThan(60);

    // Real rows for the path parameters: the fuzz acts as an administrator, who may reach each of them.
    const admin = await createUser(ctx, { role: 'admin', organization: 'Formez PA' });
    auth = { Authorization: `Bearer ${await apiToken(ctx.app, admin.email, admin.password)}` };
    const member = await createUser(ctx, { organization: 'CPI di Firenze' });
    memberId = member.id;
    memberAuth = { Authorization: `Bearer ${await apiToken(ctx.app, member.email, member.password)}` };
    const { group } = await createGroup(ctx, { members: [member] });
    const { thread, post } = await createThread(ctx, member, group);
    const practice = await createPractice(ctx);
    const { slug: twinning } = await createTosca(ctx, await cast(ctx));
    await questionnaireFixture(ctx, { published: true });
    const answered = await request(server)
      .post('/api/v1/questionnaires/prova/responses')
      .set(auth)
      .send({ answers: { l1: 3, s1: 'si', n1: 4, m1: ['a'] }, submit: true })
      .expect(201);
    responseId = answered.body.response.id;
    await seedTestRepertory(ctx);
    await importBookletCourse(ctx);
    const fixed: [string, string | number][] = [
      ['users/id', member.id],
      ['members/userId', member.id],
      ['organizations/slug', 'formez-pa'],
      ['groups/slug', group.slug],
      ['threads/id', thread.id],
      ['posts/id', post.id],
      ['practices/slug', practice.slug],
      ['twinnings/slug', twinning],
      ['questionnaires/slug', 'prova'],
      ['courses/slug', 'corso-prova'],
      ['lessons/lesson', 'benvenuto'],
      ['quizzes/quiz', 'verifica'],
    ];
    for (const [key, value] of fixed) params.set(key, value);
    // Then one row of every other resource, made through the API itself from its documented schema
    // (with the few values a schema cannot tell), in the document's order so parents come first.
    const collections = new Set(
      operations.flatMap((op) => [...op.template.matchAll(/\/([\w-]+)\/\{\w+\}/g)].map((m) => m[1]!)),
    );
    for (const op of operations) {
      const segment = op.template.split('/').at(-1)!;
      if (op.method !== 'post' || !op.schema || !collections.has(segment)) continue;
      if (params.has(`${segment}/id`) || params.has(`${segment}/slug`)) continue;
      const body = { ...(exampleOf(op.schema, doc) as Json), ...CREATE_EXTRAS(rowIds())[op.template] };
      const res = await request(server).post(pathOf(op)).set(auth).send(body);
      const row = Object.values(res.body ?? {}).find(
        (v): v is Json => typeof v === 'object' && v !== null && 'id' in v,
      );
      if (res.status !== 201 || !row) continue;
      params.set(`${segment}/id`, row.id);
      if (row.slug) params.set(`${segment}/slug`, row.slug);
      // A list of parts made with it (a plan's actions): its first names the part ({actionId}).
      for (const [field, value] of Object.entries(row))
        if (Array.isArray(value) && value[0]?.id) params.set(`${field}/${field.replace(/s$/, '')}Id`, value[0].id);
    }
  });

  after(() => new Promise<void>((resolve) => server?.close(() => resolve())));

  /** The operation's path with its parameters filled from the fixture (a row that does not exist otherwise). */
  function pathOf(op: Operation): string {
    const segments = op.template.split('/');
    return segments
      .map((segment, i) => {
        const name = /^\{(\w+)\}$/.exec(segment)?.[1];
        if (!name) return segment;
        const value = params.get(`${segments[i - 1]}/${name}`);
        return encodeURIComponent(String(value ?? (/id$/i.test(name) ? 1 : 'inesistente')));
      })
      .join('/');
  }

  async function send(op: Operation, body: string, type = 'application/json', as = auth) {
    return request(server)[op.method](pathOf(op)).set(as).set('Content-Type', type).send(body);
  }

  const expectNo5xx = (res: request.Response, op: Operation, what: string) =>
    expect(
      res.status,
      `${op.method.toUpperCase()} ${op.template} with ${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
    ).to.be.below(500);

  it('bodies the JSON parser refuses: a 400 or 413 on a sample of operations', async () => {
    const sample = operations.filter((_, i) => i % 12 === 0);
    for (const op of sample) {
      for (const [what, raw] of PARSER_BODIES) {
        const res = await send(op, raw);
        expect(res.status, `${op.template} with ${what}`).to.be.oneOf(what === 'over 1 MB' ? [413] : [400]);
        expect(res.body.error?.code, `${op.template} with ${what}`).to.be.a('string');
      }
    }
  });

  it('bodies the parsers cannot read say why: a charset or compression unknown is a 415, too many fields a 413', async () => {
    const op = operations.find((o) => o.template === '/api/v1/groups' && o.method === 'post')!;
    const cases: [string, Record<string, string>, string, number, string][] = [
      ['a charset', { 'Content-Type': 'application/json; charset=koi8-x' }, '{}', 415, 'unsupported_media_type'],
      [
        'a compression',
        { 'Content-Type': 'application/json', 'Content-Encoding': 'x-zip' },
        '{}',
        415,
        'unsupported_media_type',
      ],
      [
        'too many form fields',
        { 'Content-Type': 'application/x-www-form-urlencoded' },
        Array.from({ length: 5000 }, (_, i) => `f${i}=1`).join('&'),
        413,
        'too_large',
      ],
    ];
    for (const [what, headers, body, status, code] of cases) {
      const res = await request(server).post(op.template).set(auth).set(headers).send(body);
      expect(res.status, what).to.equal(status);
      expect(res.body.error.code, what).to.equal(code);
      expect(res.body.error.message, what).to.not.equal('Richiesta non valida.');
    }
  });

  it('bodies that reach each route: NULs, lone surrogates, 10,000 levels, __proto__, huge numbers, 1 MB', async () => {
    for (const op of operations) {
      for (const [what, raw] of ROUTE_BODIES) {
        const res = await send(op, raw);
        expectNo5xx(res, op, what);
        if (res.status >= 400) expect(res.body.error?.code, `${op.template} with ${what}`).to.be.a('string');
      }
      // A form where JSON is expected, with a NUL and a __proto__ key.
      expectNo5xx(await send(op, 'title=a%00b&__proto__=x&body=1', 'application/x-www-form-urlencoded'), op, 'a form');
    }
  });

  it("a NUL 40 levels down in a questionnaire's answers (kept as JSON in a draft) is a 400", async () => {
    let deep: unknown = 'a\u0000b';
    for (let i = 0; i < 40; i++) deep = [deep];
    const op = operations.find((o) => o.template === '/api/v1/questionnaires/{slug}/responses')!;
    for (const question of ['l1', 't1', 'm1']) {
      const res = await send(op, JSON.stringify({ answers: { [question]: deep } }));
      expect(res.status, `${question}: ${JSON.stringify(res.body)}`).to.equal(400);
    }
  });

  it('a value PostgreSQL itself refuses is a 400 that says so, should one get past the input checks', async () => {
    // A bare app with the real error handler, and queries that hand the database such values.
    const app = express();
    const refusals: Record<string, [string, unknown[]]> = {
      nul: ['SELECT $1::text AS v', ['a\u0000b']],
      integer: ['SELECT $1::int AS v', ['99999999999']],
      date: ['SELECT $1::timestamptz AS v', ['300000-01-01T00:00:00Z']],
      json: ['SELECT $1::jsonb AS v', ['{"a":"\\u0000"}']],
    };
    for (const [name, [sql, values]] of Object.entries(refusals))
      app.get(`/${name}`, async (_req, res) => {
        res.json(await ctx.database.query(sql, values));
      });
    app.use(errorHandler(ctx.log));
    for (const name of Object.keys(refusals)) {
      const res = await request(app).get(`/${name}`).set('Accept', 'application/json');
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).to.equal(400);
      expect(res.body.error).to.deep.include({ code: 'bad_value' });
      expect(res.body.error.message).to.match(/non può essere salvato/);
    }
  });

  it('a "__proto__" key lends no field: a body refused as empty is refused with a valid body under "__proto__"', async () => {
    let tried = 0;
    for (const op of operations.filter((o) => o.schema)) {
      if ((await send(op, '{}')).status !== 400) continue;
      const valid = { ...(exampleOf(op.schema, doc) as Json), ...CREATE_EXTRAS(rowIds())[op.template] };
      const res = await send(op, `{"__proto__":${JSON.stringify(valid)}}`);
      expect(res.status, `${op.method.toUpperCase()} ${op.template}: ${JSON.stringify(res.body)}`).to.equal(400);
      tried++;
    }
    expect(tried).to.be.greaterThan(30);
  });

  it("random bodies shaped by each operation's own schema", async () => {
    for (const op of operations) {
      // A valid-looking body with one field made hostile reaches deepest: the database, if anything.
      const example = (op.schema ? exampleOf(op.schema, doc) : {}) as Json;
      const valid = { ...example, ...CREATE_EXTRAS(rowIds())[op.template] };
      const keys = [...new Set([...Object.keys(valid), ...Object.keys(resolved(op.schema, doc)?.properties ?? {})])];
      const oneHostile = keys.length
        ? fc
            .record({ key: fc.constantFrom(...keys), value: hostileValue })
            .map(({ key, value }) => ({ ...valid, [key]: value }))
        : hostileValue;
      const arbitrary = fc.oneof(
        { weight: 3, arbitrary: oneHostile },
        { weight: 2, arbitrary: op.schema ? plausible(op.schema, doc) : hostileValue },
        { weight: 1, arbitrary: hostileValue },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
      );
      await fc.assert(
        fc.asyncProperty(arbitrary, fc.boolean(), async (body, asMember) => {
          const text = JSON.stringify(body) ?? 'null';
          expectNo5xx(await send(op, text, 'application/json', asMember ? memberAuth : auth), op, text.slice(0, 200));
        }),
        { numRuns: RUNS },
      );
    }
  });
});
