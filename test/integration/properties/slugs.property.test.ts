// Property test: whatever titles people give (the same one again and again, emoji, punctuation only,
// the name of one of the section's own pages, thousands of characters), every group, practice,
// twinning, article, course and administration gets a valid, bounded slug of its own that is no
// other page's address, and every member a handle of their own that a mention finds.
import { once } from 'node:events';
import type { Server } from 'node:http';
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';
import { extractMentionHandles } from '../../../server/core/markdown.ts';
import { slugify } from '../../../server/core/slug.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { createCourse } from '../../../server/features/courses/courses.authoring.course.ts';
import { addLesson } from '../../../server/features/courses/courses.authoring.lessons.ts';
import { addModule } from '../../../server/features/courses/courses.authoring.modules.ts';
import { SLUG_RE } from '../../../server/features/courses/courses.schema.ts';
import { cast, tosca } from '../twinnings/helpers.ts';
import { awkwardTitle } from '../../helpers/arbitraries.ts';

type Layer = { route?: { path: string | string[] }; handle?: { stack?: Layer[] } };

/** Every literal path the app serves (no parameters), nested routers included. */
function literalPaths(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) return [layer.route.path].flat().filter((p) => !p.includes(':'));
    return layer.handle?.stack ? literalPaths(layer.handle.stack) : [];
  });
}

/** Slugs longer than this are no address anyone would share (route schemas allow 80, the API 200). */
const MAX_SLUG = 80;
const HANDLE_RE = /^[a-z0-9]+(?:\.[a-z0-9]+)*$/;
const RUNS = 6;

describe('property: slugs and handles are valid, bounded, unique and no other page', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let server: Server;
  let auth: { Authorization: string };
  let reserved: (section: string) => Set<string>;

  before(async () => {
    ctx = await testContext({ RATE_LIMIT_TOKEN_MAX: '1000000', RATE_LIMIT_AUTH_MAX: '1000000' });
    server = ctx.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const admin = await createUser(ctx, { role: 'admin', organization: 'Formez PA' });
    auth = { Authorization: `Bearer ${await apiToken(ctx.app, admin.email, admin.password)}` };
    const paths = literalPaths((ctx.app as unknown as { router: { stack: Layer[] } }).router.stack);
    // A section's own pages: /gruppi/nuovo is the new-group form, never a group called "Nuovo".
    reserved = (section) =>
      new Set(paths.filter((p) => p.startsWith(`${section}/`)).map((p) => p.slice(section.length + 1).split('/')[0]!));
  });

  after(() => new Promise<void>((resolve) => server?.close(() => resolve())));

  /** Creates one row per title and checks the slugs of those it accepted (a refused title is a 400). */
  async function check(
    section: string,
    /** The section's word, for a title with no letter or digit to make a slug of ("🎉" → "gruppo"). */
    word: string,
    create: (title: string) => Promise<string | { slug: string; id: number } | undefined>,
  ): Promise<void> {
    const own = reserved(section);
    // Titles that collide: a few drawn again and again, the section's own page names among them
    // ("Nuovo", "Da validare"), and any awkward text.
    const pageTitles = [...own].filter((s) => /^[a-z-]+$/.test(s)).map((s) => s.replace(/-/g, ' '));
    const collide = fc.constantFrom('Prova', 'Comune di Forlì', '🎉', '!!!', ...pageTitles);
    const titles = fc.array(fc.oneof({ weight: 2, arbitrary: collide }, { weight: 1, arbitrary: awkwardTitle }), {
      minLength: 1,
      maxLength: 6,
    });
    /** Each slug given, and the row it names: a slug is another row's only when the ids differ. */
    const seen = new Map<string, number | undefined>();
    let made = 0;
    await fc.assert(
      fc.asyncProperty(titles, async (list) => {
        for (const title of list) {
          const made_ = await create(title);
          if (made_ === undefined) continue;
          const { slug, id } = typeof made_ === 'string' ? { slug: made_, id: undefined } : made_;
          made++;
          const where = `${section}: ${JSON.stringify(title.slice(0, 60))} → ${slug}`;
          expect(slug, where).to.match(SLUG_RE);
          expect(slug.length, where).to.be.within(1, MAX_SLUG + 6);
          expect(own.has(slug), `${where} is one of the section's pages`).to.equal(false);
          if (!slugify(title, 60, '')) expect(slug, where).to.match(new RegExp(`^${word}(?:-\\d+)?$`));
          if (seen.has(slug)) expect(id === undefined ? 'another row' : id, `${where} twice`).to.equal(seen.get(slug));
          seen.set(slug, id);
        }
      }),
      { numRuns: RUNS },
    );
    expect(made, section).to.be.greaterThan(RUNS);
  }

  /** The row's slug from a 201, undefined for a refusal of the title (never a 5xx). */
  async function viaApi(path: string, body: object, key: string): Promise<string | undefined> {
    const res = await request(server).post(path).set(auth).send(body);
    expect(res.status, `${path} ${JSON.stringify(res.body).slice(0, 300)}`).to.be.oneOf([201, 400]);
    return res.status === 201 ? (res.body[key].slug as string) : undefined;
  }

  it('groups', async () => {
    await check('/gruppi', 'gruppo', (name) => viaApi('/api/v1/groups', { name }, 'group'));
  });

  it('practices', async () => {
    const body = { summary: 'Sintesi.', description: 'Descrizione.', organization: 'formez-pa' };
    await check('/buone-pratiche', 'pratica', (title) =>
      viaApi('/api/v1/practices', { ...body, title, region: 'Toscana', theme: 'servizi-impiego' }, 'practice'),
    );
  });

  it('twinnings', async () => {
    const people = await cast(ctx);
    await check('/gemellaggi', 'gemellaggio', (title) =>
      viaApi('/api/v1/twinnings', tosca(people, { title }), 'twinning'),
    );
  });

  it('articles', async () => {
    const body = { kind: 'news', summary: 'Sintesi.', body: 'Testo.', theme: 'servizi-impiego' };
    await check('/notizie', 'notizia', (title) => viaApi('/api/v1/articles', { ...body, title }, 'article'));
  });

  it('courses', async () => {
    const animator = toSessionUser(await createUser(ctx, { role: 'animator' }));
    await check('/corsi', 'corso', async (title) => {
      try {
        const course = await createCourse(ctx, animator, {
          title,
          summary: 'Sintesi.',
          audience: 'Operatori.',
          hours: '3',
          level: 'base',
        });
        return course.slug;
      } catch (err) {
        expect((err as { status?: number }).status, String(err)).to.equal(400);
        return undefined;
      }
    });
  });

  it("a course's modules and lessons: valid, unique in the course, the part's own word when the title has none", async () => {
    const animator = toSessionUser(await createUser(ctx, { role: 'animator' }));
    const course = await createCourse(ctx, animator, {
      title: 'Corso delle parti',
      summary: 'Sintesi.',
      audience: 'Operatori.',
      hours: '3',
      level: 'base',
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom('🎉', '!!!', 'Nuovo'), awkwardTitle), { maxLength: 4 }),
        async (list) => {
          for (const title of list) {
            // One after the other: two changes of the same course at once would only test its lock.
            const made: PromiseSettledResult<{ value: { slug: string } }>[] = [];
            for (const add of [addModule, addLesson])
              made.push(
                await add(ctx, animator, course.slug, { title }).then(
                  (value) => ({ status: 'fulfilled', value }) as const,
                  (reason: unknown) => ({ status: 'rejected', reason }) as const,
                ),
              );
            for (const [i, outcome] of made.entries()) {
              if (outcome.status === 'rejected') {
                expect((outcome.reason as { status?: number }).status, String(outcome.reason)).to.equal(400);
                continue;
              }
              const slug = outcome.value.value.slug;
              const word = i === 0 ? 'modulo' : 'lezione';
              expect(slug, `${word} ${JSON.stringify(title)}`).to.match(SLUG_RE);
              expect(slug.length).to.be.within(1, 62);
              if (!slugify(title, 60, '')) expect(slug).to.match(new RegExp(`^${word}(?:-\\d+)?$`));
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
    for (const table of ['course_modules', 'course_lessons']) {
      const rows = await ctx.database.query<{ slug: string }>(`SELECT slug FROM ${table} WHERE course_id = $1`, [
        course.id,
      ]);
      expect(new Set(rows.map((r) => r.slug)).size, table).to.equal(rows.length);
    }
  });

  it('administrations and handles, made by registering', async () => {
    const handles = new Set<string>();
    let n = 0;
    await check('/enti', 'ente', async (title) => {
      n++;
      const res = await request(server)
        .post('/api/v1/auth/register')
        .send({
          name: title,
          email: `persona.${n}@esempio.it`,
          password: 'password-di-prova-2026',
          organization: title,
          jobTitle: 'Operatrice',
          region: 'Toscana',
        });
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).to.be.oneOf([201, 400]);
      if (res.status !== 201) return undefined;
      const [row] = await ctx.database.query<{ handle: string; slug: string; id: number }>(
        'SELECT u.handle, o.slug, o.id FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1',
        [res.body.user.id],
      );
      const where = `${JSON.stringify(title.slice(0, 60))} → @${row!.handle}`;
      expect(row!.handle, where).to.match(HANDLE_RE);
      expect(row!.handle.length, where).to.be.within(1, 48);
      expect(handles.has(row!.handle), `${where} twice`).to.equal(false);
      handles.add(row!.handle);
      expect(extractMentionHandles(`Grazie @${row!.handle}!`), where).to.deep.equal([row!.handle]);
      // The same administration's name again is the same administration, under the same slug.
      return { slug: row!.slug, id: row!.id };
    });
  });
});
