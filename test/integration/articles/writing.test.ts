import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { activities, articleRevisions, articles, attachments, domainEvents, users } from '../../../models/schema.ts';
import type { ContentEventPayload } from '../../../server/core/events.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { publishDueArticles } from '../../../server/features/articles/articles.service.ts';
import { deleteStaleUploads } from '../../../server/features/attachments/attachments.service.ts';
import { createUser } from '../../factories.ts';
import { parseRss, writeArticle } from '../../helpers/articles.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent, type Agent } from '../../helpers/http.ts';

const HOUR = 3_600_000;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

describe('articles: writing, scheduling and refusals', () => {
  let ctx: TestContext;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'retespi-articles-'));
    ctx = await testContext({ ATTACHMENTS_DIR: dir });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const countArticles = async () => (await ctx.database.db.select({ id: articles.id }).from(articles)).length;
  const tokenOf = async (agent: Agent, page = '/') => csrfFrom((await agent.get(page).expect(200)).text);
  const news = (overrides: Record<string, unknown> = {}) => ({
    kind: 'news',
    title: 'Nuova DID online nei Centri per l’Impiego',
    summary: 'La Dichiarazione di Immediata Disponibilità si rilascia anche online.',
    body: 'Dal prossimo mese la **DID** si rilascia anche dal portale.',
    theme: 'crisi-ammortizzatori',
    tags: 'DID, ammortizzatori',
    ...overrides,
  });

  it('lets an admin make someone an editor, whose scheduled article appears at its time', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const giuliana = await createUser(ctx, { name: 'Giuliana Ruiu' });
    const adminAgent = await signedInAgent(ctx.app, admin.email, admin.password);
    const agent = await signedInAgent(ctx.app, giuliana.email, giuliana.password);
    // A member may not write yet.
    await agent.get('/notizie/nuova').expect(403);

    const usersPage = await adminAgent.get('/admin/utenti').expect(200);
    expect(usersPage.text).to.contain('<option value="editor"');
    expect(usersPage.text).to.contain('Redattore');
    await adminAgent
      .post(`/admin/utenti/${giuliana.id}/ruolo`)
      .type('form')
      .send({ _csrf: csrfFrom(usersPage.text), role: 'editor' })
      .expect(303);
    const [row] = await ctx.database.db.select({ role: users.role }).from(users).where(eq(users.id, giuliana.id));
    expect(row!.role).to.equal('editor');

    // The editor's next request carries the new role: the form opens, and the article is scheduled.
    const form = await agent.get('/notizie/nuova').expect(200);
    const token = csrfFrom(form.text);
    const at = new Date(Date.now() + 2 * HOUR);
    at.setUTCSeconds(0, 0);
    const published: ContentEventPayload[] = [];
    ctx.bus.subscribe('article.published', (e) => {
      published.push(e.payload);
    });
    const created = await agent
      .post(`/notizie?_csrf=${token}`)
      .field('_csrf', token)
      .field('kind', 'news')
      .field('title', 'Nasce la Rete degli osservatori del mercato del lavoro')
      .field('summary', 'Un gruppo per chi analizza le dinamiche del mercato del lavoro.')
      .field('body', 'Da luglio è attivo il gruppo **Rete degli osservatori**.')
      .field('theme', 'osservatori')
      .field('tags', 'osservatori, dati')
      .field('status', 'scheduled')
      .field('publishAt', at.toISOString())
      .expect(303);
    const slug = created.headers.location!.replace('/notizie/', '');
    expect(slug).to.equal('nasce-la-rete-degli-osservatori-del-mercato-del-lavoro');
    const [stored] = await ctx.database.db.select().from(articles).where(eq(articles.slug, slug));
    expect(stored).to.include({ status: 'scheduled', authorId: giuliana.id, kind: 'news', theme: 'osservatori' });
    expect(stored!.publishedAt!.getTime()).to.equal(at.getTime());
    expect(stored!.bodyHtml).to.contain('<strong>Rete degli osservatori</strong>');

    // Before its time: the editor sees it (marked as scheduled), nobody else anywhere.
    expect((await agent.get(`/notizie/${slug}`).expect(200)).text).to.contain('pubblicazione programmata per');
    expect((await agent.get('/notizie').expect(200)).text).to.contain('Bozze e articoli programmati');
    await request(ctx.app).get(`/notizie/${slug}`).expect(404);
    await request(ctx.app).get(`/api/v1/articles/${slug}`).expect(404);
    expect((await request(ctx.app).get('/notizie').expect(200)).text).not.to.contain(slug);
    expect(parseRss((await request(ctx.app).get('/notizie/feed.xml').expect(200)).text).items).to.deep.equal([]);
    // The job runner at a time before it publishes nothing.
    expect(await publishDueArticles(ctx, new Date(at.getTime() - 60_000))).to.equal(0);
    await ctx.settle();
    expect(published).to.deep.equal([]);
    await request(ctx.app).get(`/notizie/${slug}`).expect(404);

    // At its time it goes live once, however often the job runs, and the feed tells everyone.
    expect(await publishDueArticles(ctx, new Date(at.getTime() + 1000))).to.equal(1);
    expect(await publishDueArticles(ctx, new Date(at.getTime() + 60_000))).to.equal(0);
    await ctx.settle();
    expect(published).to.deep.equal([
      { actorId: giuliana.id, objectId: stored!.id, title: stored!.title, url: `/notizie/${slug}` },
    ]);
    const page = await request(ctx.app).get(`/notizie/${slug}`).expect(200);
    expect(page.text).to.contain('Nasce la Rete degli osservatori');
    expect(page.text).to.contain(`datetime="${at.toISOString()}"`);
    expect(
      parseRss((await request(ctx.app).get('/notizie/feed.xml').expect(200)).text).items.map((i) => i.title),
    ).to.deep.equal([stored!.title]);
    const feed = await request(ctx.app).get('/api/v1/feed').expect(200);
    expect(feed.body.items ?? feed.body.activities).to.satisfy((items: any[]) =>
      items.some(
        (a) => a.type === 'article.published' && a.object.url === `/notizie/${slug}` && a.actor.id === giuliana.id,
      ),
    );
    expect((await request(ctx.app).get('/attivita').expect(200)).text).to.contain('ha pubblicato la notizia');
  });

  it('keeps drafts from everyone but their editors, through page, API, RSS, files and feed', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const otherAnimator = await createUser(ctx, { role: 'animator' });
    const editor = await createUser(ctx, { role: 'editor' });
    const member = await createUser(ctx);
    const token = await apiToken(ctx.app, animator.email, animator.password);
    const upload = await request(ctx.app)
      .post('/api/v1/attachments')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', PDF, 'rapporto.pdf')
      .expect(201);
    const created = await request(ctx.app)
      .post('/api/v1/articles')
      .set('Authorization', `Bearer ${token}`)
      .send({
        kind: 'document',
        title: 'Rapporto sui laboratori di autovalutazione',
        summary: 'Il rapporto finale.',
        theme: 'qualita',
        attachmentIds: [upload.body.attachment.id],
      })
      .expect(201);
    const { slug, attachments: files } = created.body.article;
    expect(created.body.article).to.include({ status: 'draft', kind: 'document' });
    expect(files).to.have.length(1);

    const viewers: [string, Agent | null, number][] = [
      ['anonymous', null, 404],
      ['member', await signedInAgent(ctx.app, member.email, member.password), 404],
      ['another animator', await signedInAgent(ctx.app, otherAnimator.email, otherAnimator.password), 404],
      ['the author', await signedInAgent(ctx.app, animator.email, animator.password), 200],
      ['an editor', await signedInAgent(ctx.app, editor.email, editor.password), 200],
    ];
    for (const [who, agent, status] of viewers) {
      const client = agent ?? request(ctx.app);
      const page = await client.get(`/notizie/${slug}`);
      expect(page.status, `${who}: page`).to.equal(status);
      expect((await client.get(`/api/v1/articles/${slug}`)).status, `${who}: API`).to.equal(status);
      expect((await client.get(files[0].url)).status, `${who}: file`).to.equal(status);
      const list = await client.get('/api/v1/articles').expect(200);
      expect(list.body.articles, `${who}: API list`).to.deep.equal([]);
      expect((await client.get('/notizie/documenti/feed.xml').expect(200)).text, `${who}: RSS`).not.to.contain(slug);
    }
    await ctx.settle();
    expect(
      await ctx.database.db.select().from(activities).where(eq(activities.type, 'article.published')),
    ).to.deep.equal([]);
    // Another animator may not edit it either: to them it does not exist.
    const otherToken = await apiToken(ctx.app, otherAnimator.email, otherAnimator.password);
    await request(ctx.app)
      .patch(`/api/v1/articles/${slug}`)
      .set('Authorization', `Bearer ${otherToken}`)
      .send({ status: 'published' })
      .expect(404);

    // Published by its author: everyone reads it and downloads its file; the old upload clean-up leaves it.
    await request(ctx.app)
      .patch(`/api/v1/articles/${slug}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ status: 'published' })
      .expect(200);
    const file = await request(ctx.app).get(files[0].url).expect(200);
    expect(file.headers['content-type']).to.equal('application/pdf');
    expect(await deleteStaleUploads(ctx, new Date(Date.now() + HOUR))).to.equal(0);
    expect(await ctx.database.db.select().from(attachments)).to.have.length(1);
    await ctx.settle();
    expect(
      await ctx.database.db.select().from(activities).where(eq(activities.type, 'article.published')),
    ).to.have.length(1);
  });

  it('keeps each edit in the history, and publishes with one event however often it is saved', async () => {
    const editor = await createUser(ctx, { role: 'editor' });
    const agent = await signedInAgent(ctx.app, editor.email, editor.password);
    const article = await writeArticle(ctx, editor, news({ status: 'draft' }));
    const token = await tokenOf(agent, `/notizie/${article.slug}/modifica`);
    const edit = (fields: Record<string, string>) => {
      const req = agent.post(`/notizie/${article.slug}/modifica?_csrf=${token}`).field('_csrf', token);
      for (const [k, v] of Object.entries({ ...news({ status: 'draft' }), ...fields })) req.field(k, v as string);
      return req;
    };
    await edit({ title: 'La DID si rilascia online', status: 'published' }).expect(303);
    await edit({ title: 'La DID si rilascia online', status: 'published', body: 'Testo corretto.' }).expect(303);
    // The same again: nothing changed, nothing kept.
    const same = await edit({
      title: 'La DID si rilascia online',
      status: 'published',
      body: 'Testo corretto.',
    }).expect(303);
    expect((await agent.get(same.headers.location!).expect(200)).text).to.contain('Nessuna modifica da salvare');
    const revisions = await ctx.database.db
      .select()
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, article.id));
    expect(revisions.map((r) => r.title)).to.deep.equal([article.title, 'La DID si rilascia online']);
    const history = await agent.get(`/notizie/${article.slug}/cronologia`).expect(200);
    expect(history.text).to.contain('Cronologia delle modifiche');
    expect(history.text).to.contain(article.title);
    expect(history.text).to.contain('Dal prossimo mese la **DID** si rilascia anche dal portale.');
    await request(ctx.app).get(`/notizie/${article.slug}/cronologia`).expect(303);
    const member = await createUser(ctx);
    await (
      await signedInAgent(ctx.app, member.email, member.password)
    )
      .get(`/notizie/${article.slug}/cronologia`)
      .expect(403);
    await ctx.settle();
    const events = await ctx.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'article.published'));
    expect(events).to.have.length(1);
    // The slug stays: the URL people shared keeps working after the title changed.
    expect((await request(ctx.app).get(`/notizie/${article.slug}`).expect(200)).text).to.contain(
      'La DID si rilascia online',
    );
  });

  it('refuses bad input with a clear message and a 4xx, changing nothing', async () => {
    const editor = await createUser(ctx, { role: 'editor' });
    const token = await apiToken(ctx.app, editor.email, editor.password);
    const post = (body: Record<string, unknown>) =>
      request(ctx.app).post('/api/v1/articles').set('Authorization', `Bearer ${token}`).send(body);
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [
        'a scheduled date in the past',
        news({ status: 'scheduled', publishAt: new Date(Date.now() - HOUR).toISOString() }),
        'publishAt',
        /già passata/,
      ],
      ['a schedule without a date', news({ status: 'scheduled' }), 'publishAt', /data e ora/],
      ['an unknown kind', news({ kind: 'gossip' }), 'kind', /notizia, rassegna stampa, normativa o documento/],
      ['an unknown theme', news({ theme: 'sport' }), 'theme', /area tematica/],
      [
        'a press item link that is not http(s)',
        news({
          kind: 'press',
          pressItems: [{ newspaper: 'Il Centro', date: '2009-03-14', title: 'Labor', url: 'javascript:alert(1)' }],
        }),
        'pressItems.0.url',
        /http:\/\/ o https:\/\//,
      ],
      [
        'a press item on a day that does not exist',
        news({
          kind: 'press',
          pressItems: [{ newspaper: 'Il Centro', date: '2009-02-30', title: 'Labor', url: 'https://example.org/' }],
        }),
        'pressItems.0.date',
        /data esistente/,
      ],
      ['a press review without items', news({ kind: 'press' }), 'pressItems', /almeno un articolo/],
      ['a law without its reference', news({ kind: 'law', lawStatus: 'in_force' }), 'lawReference', /D.Lgs. 150\/2015/],
      [
        'a law link that is not http(s)',
        news({ kind: 'law', lawReference: 'L. 2/2009', lawStatus: 'repealed', lawUrl: 'ftp://example.org/legge' }),
        'lawUrl',
        /http:\/\//,
      ],
      ['a document without files', news({ kind: 'document' }), 'attachmentIds', /almeno un allegato/],
      [
        'a file that is not the writer’s upload',
        news({ kind: 'document', attachmentIds: [999] }),
        'attachmentIds',
        /.+/,
      ],
      ['an unknown related article', news({ related: ['non-esiste'] }), 'related', /non-esiste/],
      ['a news item without text', news({ body: '' }), 'body', /testo della notizia/],
      ['a title of two letters', news({ title: 'Ok' }), 'title', /da 3 a 200/],
    ];
    for (const [what, body, field, message] of cases) {
      const res = await post(body);
      expect(res.status, what).to.equal(400);
      expect(res.body.error.code, what).to.equal('validation');
      expect(res.body.error.fields?.[field], `${what}: ${JSON.stringify(res.body.error)}`).to.match(message);
    }
    expect(await countArticles()).to.equal(0);

    // The form shows the same refusal in place, with what was typed.
    const agent = await signedInAgent(ctx.app, editor.email, editor.password);
    const formToken = await tokenOf(agent, '/notizie/nuova');
    const form = await agent
      .post(`/notizie?_csrf=${formToken}`)
      .field('_csrf', formToken)
      .field('kind', 'press')
      .field('title', 'Rassegna stampa di marzo')
      .field('summary', 'Gli articoli del mese.')
      .field('theme', 'servizi-impiego')
      .field('status', 'published')
      .field('pressNewspaper', 'Il Centro')
      .field('pressDate', '2009-03-14')
      .field('pressTitle', 'Labor: uno sportello unico')
      .field('pressUrl', 'javascript:alert(1)')
      .expect(400);
    expect(form.text).to.match(/id="f-pressItems.0.url-error"[^>]*>Il collegamento deve essere un indirizzo web/);
    expect(form.text).to.contain('value="Labor: uno sportello unico"');
    // A file that is not an accepted type, refused by its content.
    const exe = await agent
      .post(`/notizie?_csrf=${formToken}`)
      .field('_csrf', formToken)
      .field('kind', 'document')
      .field('title', 'Presentazione del programma')
      .field('summary', 'Le slide.')
      .field('theme', 'gemellaggi')
      .attach('files', Buffer.from('MZ fake executable bytes'), 'slide.pdf')
      .expect(400);
    expect(exe.text).to.contain('id="f-files-error"');
    expect(await countArticles()).to.equal(0);

    // Editing: a past schedule is refused the same way and the article stays as it was.
    const article = await writeArticle(ctx, editor, news({ status: 'draft' }));
    const patch = await request(ctx.app)
      .patch(`/api/v1/articles/${article.slug}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ status: 'scheduled', publishAt: '2020-01-01T09:00' })
      .expect(400);
    expect(patch.body.error.fields.publishAt).to.match(/già passata/);
    const [after] = await ctx.database.db.select().from(articles).where(eq(articles.id, article.id));
    expect(after).to.deep.equal(article);
    expect(await ctx.database.db.select().from(articleRevisions)).to.deep.equal([]);
  });

  it('does not let a member write, through the form or the API', async () => {
    const member = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    await agent.get('/notizie/nuova').expect(403);
    const token = await tokenOf(agent);
    const form = await agent
      .post('/notizie')
      .type('form')
      .send({ _csrf: token, ...news(), status: 'published' })
      .expect(403);
    expect(form.text).to.contain('Solo animatori, redattori e amministratori scrivono articoli');
    const apiKey = await apiToken(ctx.app, member.email, member.password);
    const api = await request(ctx.app)
      .post('/api/v1/articles')
      .set('Authorization', `Bearer ${apiKey}`)
      .send(news())
      .expect(403);
    expect(api.body.error.code).to.equal('forbidden');
    await request(ctx.app).post('/api/v1/articles').send(news()).expect(401);
    expect((await request(ctx.app).get('/notizie/nuova').expect(303)).headers.location).to.match(/^\/accedi/);
    // An editor's published article is not the member's to edit.
    const editor = await createUser(ctx, { role: 'editor' });
    const article = await writeArticle(ctx, editor);
    await request(ctx.app)
      .patch(`/api/v1/articles/${article.slug}`)
      .set('Authorization', `Bearer ${apiKey}`)
      .send({ title: 'Titolo cambiato' })
      .expect(403);
    await agent.get(`/notizie/${article.slug}/modifica`).expect(403);
    expect(await countArticles()).to.equal(1);
    expect(toSessionUser(member).role).to.equal('member');
  });

  it('saves a press review of many items from the form, and refuses a form past the field limit clearly', async () => {
    const editor = await createUser(ctx, { role: 'editor' });
    const agent = await signedInAgent(ctx.app, editor.email, editor.password);
    const token = await tokenOf(agent, '/notizie/nuova');
    // What a browser sends: every field of the form, the rows filled in and the spare empty ones.
    const pressForm = (rows: number, filled: number, title: string) => {
      let req = agent.post(`/notizie?_csrf=${token}`).field('_csrf', token);
      const fields: [string, string][] = [
        ['kind', 'press'],
        ['title', title],
        ['summary', 'Gli articoli del mese sui servizi per l’impiego.'],
        ['body', ''],
        ['theme', 'servizi-impiego'],
        ['tags', 'rassegna'],
        ['related', ''],
        ['lawReference', ''],
        ['lawDate', ''],
        ['lawIssuer', ''],
        ['lawStatus', ''],
        ['lawUrl', ''],
      ];
      for (const [name, value] of fields) req = req.field(name, value);
      for (let i = 0; i < rows; i++) {
        const full = i < filled;
        req = req
          .field('pressNewspaper', full ? `Il Centro ${i + 1}` : '')
          .field('pressDate', full ? '2009-03-14' : '')
          .field('pressTitle', full ? `Uno sportello unico, puntata ${i + 1}` : '')
          .field('pressUrl', full ? `https://example.org/articolo-${i + 1}` : '')
          .field('pressSummary', '');
      }
      return req.field('status', 'published').field('publishAt', '');
    };
    const saved = await pressForm(15, 12, 'Rassegna stampa di marzo').expect(303);
    const slug = saved.headers.location!.replace('/notizie/', '');
    const api = await request(ctx.app).get(`/api/v1/articles/${slug}`).expect(200);
    expect(api.body.article.status).to.equal('published');
    expect(api.body.article.pressItems.map((i: { newspaper: string }) => i.newspaper)).to.deep.equal(
      Array.from({ length: 12 }, (_, i) => `Il Centro ${i + 1}`),
    );

    // A form past the limit (more rows than a review may have, plus spares) says so at the top, saves nothing.
    const before = await countArticles();
    const refused = await pressForm(80, 80, 'Rassegna stampa troppo lunga').expect(400);
    expect(refused.text).to.match(/id="form-errors"[\s\S]*Il modulo contiene troppi campi e non è stato salvato/);
    expect(refused.text).not.to.contain('id="f-files-error"');
    // Not the half that was read: the form starts over rather than showing part of the rows.
    expect(refused.text).not.to.contain('Rassegna stampa troppo lunga');
    expect(await countArticles()).to.equal(before);
  });

  it('takes a withdrawn article out of the activity feed, and gives a renamed one its new title', async () => {
    const editor = await createUser(ctx, { role: 'editor' });
    const token = await apiToken(ctx.app, editor.email, editor.password);
    const article = await writeArticle(ctx, editor, news({ status: 'published' }));
    const patch = (body: Record<string, unknown>) =>
      request(ctx.app)
        .patch(`/api/v1/articles/${article.slug}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body)
        .expect(200);
    /** What an anonymous visitor's feed shows of the article. */
    const feed = async () => {
      await ctx.settle();
      const res = await request(ctx.app).get('/api/v1/feed').expect(200);
      return (res.body.activities as { type: string; object: { id: number; title: string; url: string } }[])
        .filter((a) => a.type === 'article.published' && a.object.id === article.id)
        .map((a) => [a.object.title, a.object.url]);
    };
    const url = `/notizie/${article.slug}`;
    expect(await feed()).to.deep.equal([[article.title, url]]);

    await patch({ title: 'La DID si rilascia anche online' });
    expect(await feed()).to.deep.equal([['La DID si rilascia anche online', url]]);
    // Back to draft: the feed would link to a page that is now a 404.
    await patch({ status: 'draft' });
    expect(await feed()).to.deep.equal([]);
    // Published again: one entry, not two.
    await patch({ status: 'published' });
    expect(await feed()).to.deep.equal([['La DID si rilascia anche online', url]]);

    // Delivered again, late (at least once): the publication and the withdrawal change nothing more.
    const events = await ctx.database.db.select().from(domainEvents).orderBy(domainEvents.id);
    const mine = events.filter((e) => ['article.published', 'article.updated'].includes(e.type));
    expect(mine.map((e) => e.type)).to.deep.equal([
      'article.published',
      'article.updated',
      'article.updated',
      'article.published',
    ]);
    for (const e of mine.slice(0, 3))
      await ctx.bus.deliver({ id: e.id, type: e.type, payload: e.payload, occurredAt: e.occurredAt } as never);
    expect(await feed()).to.deep.equal([['La DID si rilascia anche online', url]]);
  });

  it('does not tell an animator, through "related", that someone else’s draft exists', async () => {
    const owner = await createUser(ctx, { role: 'animator' });
    const prober = await createUser(ctx, { role: 'animator' });
    const editor = await createUser(ctx, { role: 'editor' });
    const embargoed = await writeArticle(ctx, owner, news({ title: 'Accordo sotto embargo', status: 'draft' }));
    const published = await writeArticle(ctx, owner, news({ title: 'Accordo firmato e pubblicato' }));
    const tokens = new Map<number, string>();
    for (const u of [owner, prober, editor]) tokens.set(u.id, await apiToken(ctx.app, u.email, u.password));
    const api = (who: typeof owner, method: 'post' | 'patch', path: string, body: Record<string, unknown>) =>
      request(ctx.app)
        [method](path)
        .set('Authorization', `Bearer ${tokens.get(who.id)}`)
        .send(body);
    const post = (who: typeof owner, related: string[]) =>
      api(who, 'post', '/api/v1/articles', news({ title: `Notizia con collegamenti ${related.join(' ')}`, related }));

    // The guessed slug of a draft gets the very answer of a slug that does not exist.
    const guessed = await post(prober, [embargoed.slug]).expect(400);
    const invented = await post(prober, ['accordo-inventato']).expect(400);
    expect(guessed.body.error.fields.related).to.equal(
      invented.body.error.fields.related.replace('accordo-inventato', embargoed.slug),
    );
    expect(await countArticles()).to.equal(2);
    // A published article, the writer's own draft, any draft for an editor: accepted.
    const probers = await post(prober, [published.slug]).expect(201);
    await post(owner, [embargoed.slug]).expect(201);
    await post(editor, [embargoed.slug]).expect(201);
    // An editor links the animator's article to the draft: the animator may still edit it, the link kept.
    const path = `/api/v1/articles/${probers.body.article.slug}`;
    await api(editor, 'patch', path, { related: [published.slug, embargoed.slug] }).expect(200);
    const edited = await api(prober, 'patch', path, { summary: 'Un riassunto corretto.' }).expect(200);
    expect(edited.body.article.related.map((r: { slug: string }) => r.slug)).to.include(published.slug);
  });

  it('lets a scheduled article whose time came be edited before the job runs, and publishes it then', async () => {
    const editor = await createUser(ctx, { role: 'editor' });
    const agent = await signedInAgent(ctx.app, editor.email, editor.password);
    // Scheduled ten minutes ago for two minutes ago (with seconds, as the API allows): due, not yet published.
    const due = new Date(Date.now() - 2 * 60_000 - 17_000);
    const article = await writeArticle(
      ctx,
      editor,
      news({ status: 'scheduled', publishAt: due.toISOString() }),
      new Date(Date.now() - 10 * 60_000),
    );
    expect(article.status).to.equal('scheduled');

    // The form shows the time to the minute; saved with it unchanged, the article goes live at its time.
    const form = await agent.get(`/notizie/${article.slug}/modifica`).expect(200);
    const shown = /name="publishAt"[^>]*value="([^"]+)"/.exec(form.text)?.[1];
    expect(shown).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    const token = csrfFrom(form.text);
    const req = agent.post(`/notizie/${article.slug}/modifica?_csrf=${token}`).field('_csrf', token);
    for (const [k, v] of Object.entries(news({ title: 'La DID online: le istruzioni', publishAt: shown! })))
      req.field(k, v as string);
    await req.field('status', 'scheduled').expect(303);
    const [row] = await ctx.database.db.select().from(articles).where(eq(articles.id, article.id));
    expect(row).to.include({ status: 'published', title: 'La DID online: le istruzioni' });
    expect(row!.publishedAt!.toISOString()).to.equal(due.toISOString());
    expect(await publishDueArticles(ctx)).to.equal(0);
    await ctx.settle();
    const events = await ctx.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'article.published'));
    expect(events).to.have.length(1);

    // A time the writer changes is still checked: a new one in the past is refused.
    const other = await writeArticle(
      ctx,
      editor,
      news({ title: 'Altra notizia programmata', status: 'scheduled', publishAt: due.toISOString() }),
      new Date(Date.now() - 10 * 60_000),
    );
    const token2 = await apiToken(ctx.app, editor.email, editor.password);
    const refused = await request(ctx.app)
      .patch(`/api/v1/articles/${other.slug}`)
      .set('Authorization', `Bearer ${token2}`)
      .send({ publishAt: new Date(due.getTime() - 5 * 60_000).toISOString() })
      .expect(400);
    expect(refused.body.error.fields.publishAt).to.match(/già passata/);
    // The same time, kept (the API's PATCH gives only what changes): accepted.
    await request(ctx.app)
      .patch(`/api/v1/articles/${other.slug}`)
      .set('Authorization', `Bearer ${token2}`)
      .send({ summary: 'Riassunto rivisto.' })
      .expect(200);
  });
});
