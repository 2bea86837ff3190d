// Site-wide search (/cerca, /api/v1/search): Italian word forms and accents, visibility on every
// type, facets and pages, hostile queries, safe snippets, and the index behind it.
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { setMembership } from '../../../models/queries/groups.ts';
import { courseAnimators, courseEnrolments, courseLessons, courseModules, courses } from '../../../models/schema.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { deletePost } from '../../../server/features/discussions/discussions.service.ts';
import { setPostHidden } from '../../../server/features/discussions/moderation.service.ts';
import { createGroup, createReply, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';

type User = Awaited<ReturnType<typeof createUser>>;

describe('site-wide search', () => {
  let ctx: TestContext;
  const tokens = new Map<number, string>();
  beforeEach(async () => {
    ctx = await testContext();
    tokens.clear();
    // The competence repertory is reference data every database holds (a searchable type of its
    // own, tested in test/integration/competences/): these tests search only what they write.
    await ctx.database.exec('DELETE FROM competences; DELETE FROM competence_areas; DELETE FROM competence_profiles');
  });

  /** GET /api/v1/search as `user` (anonymous when null), answering with `status`. */
  async function api(query: Record<string, string>, user: User | null = null, status = 200) {
    const req = request(ctx.app).get('/api/v1/search').query(query);
    if (user) {
      if (!tokens.has(user.id)) tokens.set(user.id, await apiToken(ctx.app, user.email, user.password));
      req.set('authorization', `Bearer ${tokens.get(user.id)}`);
    }
    return (await req.expect('content-type', /json/).expect(status)).body;
  }
  const found = async (q: string, user: User | null = null, type?: string) =>
    ((await api({ q, ...(type ? { type } : {}) }, user)).results as { type: string; id: number }[]).map(
      (r) => `${r.type}:${r.id}`,
    );

  async function course(
    author: User,
    opts: { title: string; status: 'draft' | 'published'; enrolment?: 'open' | 'approval'; lesson: string },
  ) {
    const db = ctx.database.db;
    const slug = opts.title.toLowerCase().replace(/[^a-z]+/g, '-');
    const [row] = await db
      .insert(courses)
      .values({
        slug,
        title: opts.title,
        summary: 'Un percorso per gli operatori dei servizi per il lavoro.',
        status: opts.status,
        enrolment: opts.enrolment ?? 'open',
        createdBy: author.id,
      })
      .returning();
    await db.insert(courseAnimators).values({ courseId: row!.id, userId: author.id });
    const [mod] = await db
      .insert(courseModules)
      .values({ courseId: row!.id, slug: 'primo', title: 'Primo modulo', position: 1 })
      .returning();
    const [lesson] = await db
      .insert(courseLessons)
      .values({
        courseId: row!.id,
        moduleId: mod!.id,
        slug: 'prima',
        title: opts.lesson,
        position: 1,
        body: opts.lesson,
      })
      .returning();
    return { course: row!, lesson: lesson! };
  }

  it('finds Italian word forms and ignores accents, highlighting the words found', async () => {
    const author = await createUser(ctx, { role: 'animator' });
    const { group } = await createGroup(ctx, { owner: author, name: 'Comunità SPI' });
    const { thread, post } = await createThread(ctx, author, group, {
      title: 'Tirocinio extracurricolare: le regole regionali',
      body: 'Le attività di orientamento precedono ogni tirocinio.',
    });
    const reply = await createReply(
      ctx,
      author,
      thread,
      'Nei tirocini avviati dal CPI la qualità del tutoraggio conta.',
    );

    expect(await found('tirocini')).to.have.members([`thread:${thread.id}`, `post:${post.id}`, `post:${reply.id}`]);
    expect(await found('attivita')).to.deep.equal([`post:${post.id}`]);
    expect(await found('ATTIVITÀ')).to.deep.equal([`post:${post.id}`]);
    expect(await found('qualita tutoraggi')).to.deep.equal([`post:${reply.id}`]);
    // The title (weight A) ranks the thread above the posts that only mention the word.
    expect((await found('tirocinio'))[0]).to.equal(`thread:${thread.id}`);

    const body = await api({ q: 'attivita' });
    expect(body.results[0].snippet).to.contain('<mark>attività</mark> di orientamento');
    expect(body.results[0]).to.deep.equal({
      type: 'post',
      id: post.id,
      title: thread.title,
      url: `/messaggi/${post.id}`,
      snippet: body.results[0].snippet,
    });
    expect(body).to.include({ total: 1, page: 1, pages: 1 });
    // Every registered type has its count (types added later included), here all 0 but posts.
    expect(body.facets).to.include({ thread: 0, post: 1, course: 0, lesson: 0, member: 0, organization: 0 });
    expect(Object.values(body.facets).reduce((a: number, b: any) => a + b, 0)).to.equal(1);
  });

  it('keeps private and closed groups’ discussions to their readers, and hidden or deleted posts from everyone', async () => {
    const owner = await createUser(ctx, { role: 'animator' });
    const member = await createUser(ctx);
    const outsider = await createUser(ctx);
    const admin = await createUser(ctx, { role: 'admin' });
    const { group: secret } = await createGroup(ctx, { owner, visibility: 'private', members: [member] });
    const { group: closed } = await createGroup(ctx, { owner, visibility: 'closed' });
    const { group: open } = await createGroup(ctx, { owner });
    const priv = await createThread(ctx, owner, secret, {
      title: 'Osservatorio riservato',
      body: 'Dati riservati sul collocamento mirato.',
    });
    const shut = await createThread(ctx, owner, closed, {
      title: 'Gruppo chiuso',
      body: 'Verbale sul collocamento mirato.',
    });
    const pub = await createThread(ctx, owner, open, {
      title: 'Discussione pubblica',
      body: 'Domande sul collocamento mirato.',
    });
    const hidden = await createReply(ctx, owner, pub.thread, 'Un messaggio nascosto sul collocamento mirato.');
    const deleted = await createReply(ctx, owner, pub.thread, 'Un messaggio cancellato sul collocamento mirato.');
    await setPostHidden(ctx, toSessionUser(owner), hidden.id, true, { reason: 'Fuori tema' });
    await deletePost(ctx, toSessionUser(owner), deleted.id);
    // A pending request to a closed group gives nothing more than no membership.
    await setMembership(ctx.database.db, {
      groupId: closed.id,
      userId: outsider.id,
      role: 'member',
      status: 'pending',
    });

    const q = 'collocamento mirato';
    expect(await found(q)).to.deep.equal([`post:${pub.post.id}`]);
    expect(await found(q, outsider)).to.deep.equal([`post:${pub.post.id}`]);
    expect(await found(q, member)).to.have.members([`post:${pub.post.id}`, `post:${priv.post.id}`]);
    expect(await found(q, owner)).to.have.members([
      `post:${pub.post.id}`,
      `post:${priv.post.id}`,
      `post:${shut.post.id}`,
    ]);
    expect(await found(q, admin)).to.have.members([
      `post:${pub.post.id}`,
      `post:${priv.post.id}`,
      `post:${shut.post.id}`,
    ]);
    // Thread titles follow the same rule.
    expect(await found('riservato')).to.deep.equal([]);
    expect(await found('riservato', outsider)).to.deep.equal([]);
    expect(await found('riservato', member)).to.deep.equal([`thread:${priv.thread.id}`, `post:${priv.post.id}`]);
    // Hidden and deleted posts: not for the moderator, not for an admin either.
    for (const who of [owner, admin, member, null]) {
      expect(await found('nascosto', who)).to.deep.equal([]);
      expect(await found('cancellato', who)).to.deep.equal([]);
    }
    // Nor on the page, in results or counts.
    const page = await request(ctx.app).get('/cerca').query({ q }).expect(200);
    expect(page.text).to.contain(`/messaggi/${pub.post.id}`);
    expect(page.text).not.to.contain(`/messaggi/${priv.post.id}`);
    expect(page.text).not.to.contain('riservati');
  });

  it('shows drafts only to the people who run them, and approval-only lessons to their learners', async () => {
    const author = await createUser(ctx, { role: 'animator' });
    const otherAnimator = await createUser(ctx, { role: 'animator' });
    const learner = await createUser(ctx);
    const visitor = await createUser(ctx);
    const admin = await createUser(ctx, { role: 'admin' });
    const draft = await course(author, {
      title: 'Profilazione qualitativa',
      status: 'draft',
      lesson: 'Colloquio di profilazione',
    });
    const open = await course(author, {
      title: 'Sportello nei servizi',
      status: 'published',
      lesson: 'Sportello e orientamento di base',
    });
    const approval = await course(author, {
      title: 'Rete degli osservatori',
      status: 'published',
      enrolment: 'approval',
      lesson: 'Analisi degli osservatori territoriali',
    });
    await ctx.database.db
      .insert(courseEnrolments)
      .values({ courseId: approval.course.id, userId: learner.id, status: 'active' });

    for (const who of [null, visitor, learner, otherAnimator]) {
      expect(await found('profilazione', who), `draft for ${who?.role ?? 'anonymous'}`).to.deep.equal([]);
    }
    for (const who of [author, admin]) {
      expect(await found('profilazione', who)).to.have.members([
        `course:${draft.course.id}`,
        `lesson:${draft.lesson.id}`,
      ]);
    }
    expect(await found('sportello')).to.have.members([`course:${open.course.id}`, `lesson:${open.lesson.id}`]);
    // The course with approval is known to everyone; its lessons only to its learners and animators.
    expect(await found('osservatori', visitor)).to.deep.equal([`course:${approval.course.id}`]);
    expect(await found('osservatori', learner)).to.have.members([
      `course:${approval.course.id}`,
      `lesson:${approval.lesson.id}`,
    ]);
    expect(await found('osservatori', author)).to.have.members([
      `course:${approval.course.id}`,
      `lesson:${approval.lesson.id}`,
    ]);

    const body = await api({ q: 'sportello', type: 'lesson' });
    expect(body.results).to.deep.equal([
      {
        type: 'lesson',
        id: open.lesson.id,
        slug: 'prima',
        title: 'Sportello e orientamento di base',
        url: `/corsi/${open.course.slug}/lezioni/prima`,
        snippet: '<mark>Sportello</mark> e orientamento di base',
      },
    ]);
    expect((await api({ q: 'sportello', type: 'course' })).results[0]).to.include({
      slug: open.course.slug,
      url: `/corsi/${open.course.slug}`,
    });
  });

  it('finds members by name and role and administrations by name, never by e-mail address', async () => {
    const person = await createUser(ctx, {
      name: 'Lucia Bianchi',
      email: 'lucia.segreta@esempio.it',
      jobTitle: 'Orientatrice',
      organization: 'Regione Toscana',
    });
    const member = await found('bianchi');
    expect(member).to.deep.equal([`member:${person.id}`]);
    expect(await found('orientatrici')).to.deep.equal([`member:${person.id}`]);
    expect(await found('segreta')).to.deep.equal([]);
    const org = await api({ q: 'toscana', type: 'organization' });
    expect(org.results).to.have.length(1);
    expect(org.results[0]).to.include({ type: 'organization', title: 'Regione Toscana', url: '/enti/regione-toscana' });
    expect(org.facets.member).to.equal(1);
  });

  it('counts each type in the facets, filters by type and pages through the results', async () => {
    const author = await createUser(ctx, { role: 'animator' });
    const { group } = await createGroup(ctx, { owner: author });
    const { thread } = await createThread(ctx, author, group, {
      title: 'Patto di servizio',
      body: 'Il patto di servizio personalizzato.',
    });
    for (let i = 1; i <= 23; i++) await createReply(ctx, author, thread, `Risposta ${i} sul patto di servizio.`);

    const all = await api({ q: 'patto' });
    expect(all.facets).to.include({ thread: 1, post: 24, course: 0, member: 0 });
    expect(all).to.include({ total: 25, page: 1, pages: 2 });
    expect(all.results).to.have.length(20);
    const second = await api({ q: 'patto', page: '2' });
    expect(second.results).to.have.length(5);
    const ids = new Set([...all.results, ...second.results].map((r: any) => `${r.type}:${r.id}`));
    expect(ids.size).to.equal(25);
    const threadsOnly = await api({ q: 'patto', type: 'thread' });
    expect(threadsOnly).to.include({ total: 1 });
    expect(threadsOnly.results.map((r: any) => r.type)).to.deep.equal(['thread']);
    expect(threadsOnly.facets.post).to.equal(24);

    const res = await request(ctx.app).get('/cerca').query({ q: 'patto', type: 'post' }).expect(200);
    const page = { text: res.text.replaceAll('&#x3D;', '=') };
    expect(page.text).to.match(
      /<a href="\/cerca\?q=patto&amp;type=post" aria-current="page"[^>]*>Messaggi <span class="badge[^"]*">24<\/span>/,
    );
    expect(page.text).to.match(
      /<a href="\/cerca\?q=patto&amp;type=thread">Discussioni <span class="badge[^"]*">1<\/span>/,
    );
    expect(page.text).to.match(/<a href="\/cerca\?q=patto">Tutti <span class="badge[^"]*">25<\/span>/);
    expect(page.text).to.contain('24 risultati per «patto»');
    expect(page.text).to.contain('href="/cerca?q=patto&amp;type=post&amp;page=2"');
    expect(page.text).to.match(/<label for="f-q"[^>]*>Cerca nella piattaforma<\/label>/);
  });

  it('ranks and counts at most the 100 most recent matches of a type, and says there are more', async () => {
    const author = await createUser(ctx, { role: 'animator' });
    const { group } = await createGroup(ctx, { owner: author });
    const { thread } = await createThread(ctx, author, group, { title: 'Cassa integrazione', body: 'Prima domanda.' });
    // 130 replies written in one statement (through the service they would take a while).
    await ctx.database.exec(
      `INSERT INTO posts (thread_id, author_id, position, sort_path, body, body_html)
       SELECT ${thread.id}, ${author.id}, 1 + i, lpad((1 + i)::text, 6, '0'), 'Ammortizzatori sociali, risposta ' || i, ''
         FROM generate_series(1, 130) i`,
    );
    const newest = (await ctx.database.query<{ newest: number }>('SELECT max(id) AS newest FROM posts'))[0]!.newest;
    const body = await api({ q: 'ammortizzatori' });
    expect(body.facets.post).to.equal(100);
    expect(body.capped).to.deep.equal(['post']);
    expect(body).to.include({ total: 100, pages: 5 });
    const ids: number[] = [];
    for (let page = 1; page <= 5; page++)
      ids.push(...(await api({ q: 'ammortizzatori', page: String(page) })).results.map((r: any) => r.id));
    expect(new Set(ids).size).to.equal(100);
    expect(ids).to.include(newest);
    expect(Math.min(...ids)).to.equal(newest - 99);
    expect((await api({ q: 'ammortizzatori', page: '6' })).results).to.deep.equal([]);
    const res = await request(ctx.app).get('/cerca').query({ q: 'ammortizzatori' }).expect(200);
    expect(res.text).to.contain('100+ risultati per «ammortizzatori»');
    expect(res.text).to.match(/Messaggi <span class="badge[^"]*">100\+<\/span>/);
  });

  it('answers hostile queries with results or a clear 400, never a 500', async () => {
    const author = await createUser(ctx, { role: 'animator' });
    const { group } = await createGroup(ctx, { owner: author });
    const { thread, post } = await createThread(ctx, author, group, {
      title: 'Centro per l’impiego',
      body: 'Orari del centro per l’impiego di Lucca.',
    });
    const weird = [
      `&|!():*'"\\`,
      '"centro per',
      'centro -lucca',
      'centro or lucca',
      '!!! ::: *** (((',
      "' OR 1=1 --",
      'centro:* & lucca',
      '\\',
      'e il la per',
      'x'.repeat(200),
      'é'.repeat(200),
      '😀 centro',
    ];
    for (const q of weird) {
      const body = await api({ q });
      expect(body.results, q).to.be.an('array');
      expect(body.total, q).to.be.a('number');
    }
    expect(await found('"centro per l’impiego" orari')).to.deep.equal([`post:${post.id}`]);
    expect(await found('centro -lucca')).to.deep.equal([`thread:${thread.id}`]);

    const long = await api({ q: 'tirocinio '.repeat(200) }, null, 400);
    expect(long.error).to.deep.equal({
      code: 'validation',
      message: 'Il testo da cercare è troppo lungo: al massimo 200 caratteri.',
      fields: { q: 'Al massimo 200 caratteri.' },
    });
    expect((await api({ q: 'a'.repeat(2000) }, null, 400)).error.code).to.equal('validation');
    expect((await api({}, null, 400)).error.fields).to.deep.equal({ q: 'Scrivi che cosa cercare.' });
    expect((await api({ q: '   ' }, null, 400)).error.fields).to.have.key('q');
    expect((await api({ q: 'centro', type: 'segreti' }, null, 400)).error.fields).to.deep.equal({
      type: 'Tipo di contenuto sconosciuto.',
    });
    for (const page of ['0', '51', 'due', '1.5']) {
      expect((await api({ q: 'centro', page }, null, 400)).error.fields, page).to.have.key('page');
    }
    const twice = await request(ctx.app).get('/api/v1/search?q=a&q=b').expect(400);
    expect(twice.body.error.fields).to.have.key('q');

    const page = await request(ctx.app)
      .get('/cerca')
      .query({ q: 'a'.repeat(2000) })
      .expect(400);
    expect(page.text).to.contain('Il testo da cercare è troppo lungo');
    expect(page.text).to.contain('aria-invalid="true"');
    await request(ctx.app).get('/cerca').query({ q: `&|!():*'"\\` }).expect(200);
    await request(ctx.app).get('/cerca').query({ q: 'centro', page: '99' }).expect(400);
    const empty = await request(ctx.app).get('/cerca').expect(200);
    expect(empty.text).to.contain('gli accenti non contano');
  });

  it('lets no markup from the content into a snippet, only the highlight marks', async () => {
    const author = await createUser(ctx, { role: 'animator' });
    const { group } = await createGroup(ctx, { owner: author });
    const body =
      'Prima <script>alert(1)</script> del <img src=x onerror="alert(2)"> tirocinio, & poi <mark>finto</mark> \uE000segno\uE001 <b>grassetto</b>.';
    await createThread(ctx, author, group, { title: 'Sicurezza', body });
    const [result] = (await api({ q: 'tirocinio', type: 'post' })).results;
    const tags = [...result.snippet.matchAll(/<\/?([a-z]+)/gi)].map((m) => m[1]);
    expect(tags).to.deep.equal(['mark', 'mark']);
    expect(result.snippet).to.contain('<mark>tirocinio</mark>');
    expect(result.snippet).not.to.match(/<script|<img|onerror="|\uE000|\uE001/);
    // Markdown's signs do not show: a link keeps its words, emphasis loses its stars.
    await createThread(ctx, author, group, {
      title: 'Formattazione',
      body: '> citazione\n\nIl **patto** di _servizio_ secondo [la guida regionale](https://esempio.it/guida) e `codice`.',
    });
    const [formatted] = (await api({ q: 'patto', type: 'post' })).results;
    expect(formatted.snippet).to.equal(
      'citazione Il <mark>patto</mark> di servizio secondo la guida regionale e codice.',
    );
    const page = await request(ctx.app).get('/cerca').query({ q: 'tirocinio' }).expect(200);
    expect(page.text).not.to.contain('<script>alert(1)');
    expect(page.text).not.to.contain('<img src=x');
    expect(page.text).to.contain('<mark>tirocinio</mark>');
  });

  it('finds published articles and the events a viewer may see, never a draft or a private group’s event', async () => {
    const editor = await createUser(ctx, { role: 'editor' });
    const editorApi = { authorization: `Bearer ${await apiToken(ctx.app, editor.email, editor.password)}` };
    const article = (title: string, status: string) =>
      request(ctx.app)
        .post('/api/v1/articles')
        .set(editorApi)
        .send({
          kind: 'news',
          status,
          title,
          theme: 'osservatori',
          summary: 'Le attività dei centri per l’impiego.',
          body: 'Testo.',
        })
        .expect(201);
    const published = (await article('Tirocini di inclusione: le nuove linee guida', 'published')).body.article;
    await article('Tirocini riservati: bozza in lavorazione', 'draft');

    const { group, owner } = await createGroup(ctx, { visibility: 'private' });
    const outsider = await createUser(ctx);
    const ownerApi = { authorization: `Bearer ${await apiToken(ctx.app, owner.email, owner.password)}` };
    const start = new Date(Date.now() + 5 * 86_400_000);
    const event = (title: string, extra: Record<string, unknown> = {}) =>
      request(ctx.app)
        .post('/api/v1/events')
        .set(ownerApi)
        .send({
          title,
          kind: 'workshop',
          place: 'Catanzaro, Cittadella regionale',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
          ...extra,
        })
        .expect(201);
    const open = (await event('Laboratorio sui tirocini in Calabria')).body.event;
    const closed = (await event('Tirocini: riunione del gruppo', { group: group.slug })).body.event;

    // "tirocinio" finds "Tirocini" in both; "attivita" finds "attività" in the summary.
    expect(await found('tirocinio', null, 'article')).to.deep.equal([`article:${published.id}`]);
    expect(await found('attivita', null, 'article')).to.deep.equal([`article:${published.id}`]);
    expect(await found('tirocinio', outsider, 'event')).to.deep.equal([`event:${open.id}`]);
    expect((await found('tirocinio', owner, 'event')).sort()).to.deep.equal(
      [`event:${open.id}`, `event:${closed.id}`].sort(),
    );
    // The draft is found by nobody, its own writer included (writers reach drafts from /notizie).
    expect(await found('bozza', editor)).to.deep.equal([]);
    const all = await api({ q: 'tirocinio' });
    expect(all.facets).to.include({ article: 1, event: 1 });
    expect(all.results.find((r: { type: string }) => r.type === 'article').url).to.equal(`/notizie/${published.slug}`);
    // The sitemap lists the public ones only.
    const sitemap = (await request(ctx.app).get('/sitemap.xml').expect(200)).text;
    expect(sitemap).to.contain(`/notizie/${published.slug}<`).and.contain(`/eventi/${open.id}<`);
    expect(sitemap).not.to.contain(`/eventi/${closed.id}<`);
  });

  it('reads the GIN index of each searched table', async () => {
    const plans: string[] = [];
    await ctx.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      for (const table of [
        'threads',
        'posts',
        'courses',
        'course_lessons',
        'users',
        'organizations',
        'articles',
        'calendar_events',
      ]) {
        const result = await tx.execute(
          sql`EXPLAIN SELECT id FROM ${sql.identifier(table)} WHERE search_vector @@ websearch_to_tsquery('italian_unaccent', 'tirocinio')`,
        );
        plans.push(((result as any).rows as Record<string, string>[]).map((r) => Object.values(r)[0]).join('\n'));
      }
    });
    for (const plan of plans) expect(plan).to.match(/Bitmap Index Scan on \w+_search_idx/);
  });
});
