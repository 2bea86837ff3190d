import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { z } from 'zod';
import { REGIONS } from '../../models/schema.ts';
import { SESSION_COOKIE } from '../../server/app.ts';
import { ROOT_DIR } from '../../server/config.ts';
import { jsonSchemaOf, SESSION_COOKIE as DOCUMENTED_COOKIE } from '../../server/features/api-docs/openapi.ts';
import { OPERATIONS } from '../../server/features/api-docs/operations.ts';
import { testContext, type TestContext } from '../helpers/context.ts';

type Json = Record<string, any>;
type Layer = {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** "METHOD /path" for every route in an Express 5 router stack, nested routers included. */
function registeredRoutes(stack: Layer[], prefix = ''): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') out.push(`${method.toUpperCase()} ${prefix}${p}`);
      }
    } else if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      out.push(...registeredRoutes(layer.handle.stack, prefix + mount));
    }
  }
  return out;
}

function documentedRoutes(doc: Json): string[] {
  return Object.entries(doc.paths as Json).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${p}`),
  );
}

/** Every "$ref" string anywhere in a document. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refs(v)));
  }
  return [];
}

const resolve = (doc: Json, ref: string): unknown =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, key) => node?.[key], doc);

describe('API documentation', function () {
  // The first test of a process starts the in-memory database (a few seconds).
  this.timeout(30_000);
  let ctx: TestContext;
  let doc: Json;
  before(async () => {
    ctx = await testContext();
    doc = (await request(ctx.app).get('/api/v1/openapi.json').expect(200).expect('content-type', /json/)).body;
  });

  it('is an OpenAPI 3.1 document with info, servers, paths, the shared Error schema and both security schemes', () => {
    expect(doc.openapi).to.match(/^3\.1\.\d+$/);
    const pkg = JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8'));
    expect(doc.info).to.include({ title: 'Rete SPI API', version: pkg.version });
    expect(doc.servers).to.deep.equal([{ url: ctx.config.publicUrl }]);
    expect(doc.components.schemas.Error.properties.error.required).to.deep.equal(['code', 'message']);
    expect(doc.components.securitySchemes.bearerAuth).to.include({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.cookieAuth).to.include({
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
    });
    expect(DOCUMENTED_COOKIE).to.equal(SESSION_COOKIE);
    // Every error an operation answers is one shared response whose body is the Error schema.
    const errorRefs = new Map<string, string>();
    for (const item of Object.values(doc.paths as Json)) {
      for (const m of METHODS.filter((x) => item[x])) {
        for (const [status, response] of Object.entries(item[m].responses as Json))
          if (/^4/.test(status)) errorRefs.set(status, response.$ref);
      }
    }
    expect([...errorRefs.keys()].sort()).to.deep.equal(['400', '401', '403', '404', '409', '413', '429']);
    for (const [status, ref] of errorRefs) {
      expect((resolve(doc, ref) as Json).content['application/json'].schema, status).to.deep.equal({
        $ref: '#/components/schemas/Error',
      });
    }
    for (const ref of refs(doc)) expect(resolve(doc, ref), ref).to.not.equal(undefined);
  });

  it('describes every operation: unique id, English summary, Italian description, tag, security, responses', () => {
    const ids = new Set<string>();
    const tags = new Set((doc.tags as { name: string }[]).map((t) => t.name));
    for (const [p, item] of Object.entries(doc.paths as Json)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        const where = `${method.toUpperCase()} ${p}`;
        expect(ids.has(op.operationId), where).to.equal(false);
        ids.add(op.operationId);
        expect(op.summary, where)
          .to.be.a('string')
          .and.not.match(/^apidocs\./);
        expect(op.description, where).to.be.a('string').and.not.equal(op.summary);
        expect(tags.has(op.tags[0]), where).to.equal(true);
        expect(op.security, where).to.be.an('array');
        expect(
          Object.keys(op.responses).some((s) => s.startsWith('2')),
          where,
        ).to.equal(true);
        const params = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(
          op.parameters.filter((x: Json) => x.in === 'path').map((x: Json) => x.name),
          where,
        ).to.deep.equal(params);
        if (method !== 'get')
          expect(op.responses['429'], where).to.deep.equal({ $ref: '#/components/responses/TooManyRequests' });
      }
    }
    expect(ids.size).to.equal(OPERATIONS.length);
  });

  it('documents exactly the /api/v1 routes the app registers', () => {
    const stack = (ctx.app as unknown as { router: { stack: Layer[] } }).router.stack;
    const registered = [...new Set(registeredRoutes(stack))]
      .filter((r) => r.split(' ')[1]!.startsWith('/api/v1'))
      .map((r) => r.replace(/:(\w+)/g, '{$1}'))
      .sort();
    expect(registered.length).to.be.greaterThan(40);
    const documented = documentedRoutes(doc).sort();
    expect(
      registered.filter((r) => !documented.includes(r)),
      'registered but not documented',
    ).to.deep.equal([]);
    expect(
      documented.filter((r) => !registered.includes(r)),
      'documented but not registered',
    ).to.deep.equal([]);
  });

  it('generates request schemas from the zod schemas the services validate with', () => {
    const body = doc.paths['/api/v1/auth/register'].post.requestBody;
    const schema = resolve(doc, body.content['application/json'].schema.$ref) as Json;
    expect(schema.required).to.have.members(['name', 'email', 'password', 'organization', 'jobTitle', 'region']);
    expect(schema.properties.password.minLength).to.equal(10);
    expect(schema.properties.region.enum).to.deep.equal([...REGIONS]);
    expect(schema).to.not.have.property('$schema');
    // Query strings too, even through z.preprocess.
    const users = doc.paths['/api/v1/users'].get.parameters as Json[];
    expect(users.map((x) => x.name)).to.include.members(['region', 'organization', 'q', 'page']);
    expect(users.find((x) => x.name === 'page')).to.deep.include({ in: 'query', required: false });
    expect(doc.paths['/api/v1/attachments'].post.requestBody.content).to.have.property('multipart/form-data');
  });

  it('falls back to a hand-written schema when zod cannot express one', () => {
    const fallback = { type: 'object', properties: { when: { type: 'string', format: 'date-time' } } };
    expect(jsonSchemaOf(z.object({ when: z.date() }), fallback)).to.deep.equal(fallback);
    expect(jsonSchemaOf(z.object({ n: z.preprocess((v) => Number(v), z.number()) }))).to.deep.include({
      type: 'object',
    });
  });

  it('matches what the API answers: a created user and a validation error', async () => {
    const created = await request(ctx.app)
      .post('/api/v1/auth/register')
      .send({
        name: 'Anna Verdi',
        email: 'anna.verdi@example.org',
        password: 'password-lunga-1',
        organization: 'Regione Toscana',
        jobTitle: 'Operatrice CPI',
        region: 'Toscana',
      })
      .expect(201);
    expect(Object.keys(created.body.user)).to.have.members(doc.components.schemas.PublicUser.required);
    const invalid = await request(ctx.app).post('/api/v1/auth/register').send({ email: 'x' }).expect(400);
    expect(invalid.body.error).to.include.keys(doc.components.schemas.Error.properties.error.required);
    expect(invalid.body.error.fields).to.include.keys('name', 'password', 'region');
  });

  it('serves the same cached document on every request', async () => {
    const again = await request(ctx.app).get('/api/v1/openapi.json').expect(200);
    expect(again.body).to.deep.equal(doc);
  });

  it('renders /api/docs in Italian and English, grouped by tag, with no inline script', async () => {
    for (const [query, title, auth] of [
      ['', 'Documentazione API', 'Come autenticarsi'],
      ['?lang=en', 'API documentation', 'How to authenticate'],
    ] as const) {
      const res = await request(ctx.app).get(`/api/docs${query}`).expect(200).expect('content-type', /html/);
      expect(res.text).to.contain(`<h1>${title}</h1>`).and.contain(auth);
      expect(res.text)
        .to.contain('curl -X POST')
        .and.contain('/api/v1/auth/token')
        .and.contain('Authorization: Bearer');
      expect(res.text).to.contain('href="/api/v1/openapi.json"');
      for (const op of OPERATIONS) expect(res.text, op.id).to.contain(`<code>${op.path}</code>`);
      for (const tag of doc.tags as { name: string }[]) expect(res.text).to.contain(`id="tag-${tag.name}"`);
      const scripts = res.text.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).to.be.greaterThan(0);
      for (const tag of scripts) expect(tag).to.match(/\bsrc="\/(bootstrap-italia|static)\//);
      expect(res.text).to.not.match(/<script\b[^>]*>[^<]+<\/script>/);
    }
  });

  it('links the API documentation from the footer', async () => {
    const home = await request(ctx.app).get('/').expect(200);
    expect(home.text).to.contain('href="/api/docs"');
  });
});
