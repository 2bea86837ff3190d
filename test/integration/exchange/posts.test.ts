import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, formToken, signedInAgent } from '../../helpers/http.ts';
import { auth, createPost, insertPractice, member, postInput, type Member } from './helpers.ts';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 10);
const countPosts = async (ctx: TestContext) =>
  (await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_posts'))[0]!.n;

describe('Cerco / Offro posts', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let author: Member;
  let other: Member;

  beforeEach(async () => {
    ctx = await testContext();
    author = await member(ctx, 'CPI di Vibo Valentia');
    other = await member(ctx, 'CPI di Firenze');
  });

  it('publishes a post for the author’s administration: six months by default, in the public feed and on the board', async () => {
    const post = await createPost(ctx, author, { description: 'Cerchiamo *esperienze* di accoglienza over 50.' });
    const res = await request(ctx.app).get(`/api/v1/exchange/${post.id}`).expect(200);
    expect(res.body.post).to.include({ kind: 'cerco', status: 'active', theme: 'servizi-impiego', region: 'Calabria' });
    expect(res.body.post.organization.name).to.equal('CPI di Vibo Valentia');
    expect(res.body.post.author).to.deep.equal({ id: author.id, name: author.name });
    expect(res.body.post.descriptionHtml).to.contain('<em>esperienze</em>');
    const months = (Date.parse(res.body.post.expiresAt) - Date.now()) / DAY;
    expect(months).to.be.within(180, 185);

    await ctx.settle();
    const feed = await ctx.database.query<{ audience: string; object_url: string; object_type: string }>(
      `SELECT audience, object_url, object_type FROM activities WHERE type = 'exchange.posted'`,
    );
    expect(feed).to.deep.equal([
      { audience: 'public', object_url: `/cerco-offro/${post.id}`, object_type: 'exchange' },
    ]);

    const board = await request(ctx.app).get('/cerco-offro').expect(200);
    expect(board.text).to.contain(post.title);
    expect(board.text).to.match(/<span class="badge[^"]*">Cerco<\/span>/);
    const page = await request(ctx.app).get(`/cerco-offro/${post.id}`).expect(200);
    expect(page.text).to.contain('<em>esperienze</em>');
    const home = await request(ctx.app).get('/').expect(200);
    expect(home.text).to.contain(post.title);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ expiresAt: isoDay(-2 * DAY) }, 'expiresAt'],
      [{ expiresAt: isoDay(800 * DAY) }, 'expiresAt'],
      [{ expiresAt: 'domani' }, 'expiresAt'],
      [{ theme: 'astronomia' }, 'theme'],
      [{ kind: 'vendo' }, 'kind'],
      [{ title: '' }, 'title'],
      [{ region: 'Atlantide' }, 'region'],
      [{ practiceSlug: 'non-esiste' }, 'practiceSlug'],
    ];
    for (const [overrides, field] of bad) {
      const res = await request(ctx.app)
        .post('/api/v1/exchange')
        .set(auth(author))
        .send(postInput(overrides))
        .expect(400);
      expect(res.body.error.code).to.equal('validation');
      expect(Object.keys(res.body.error.fields), JSON.stringify(overrides)).to.deep.equal([field]);
    }
    const past = await request(ctx.app)
      .post('/api/v1/exchange')
      .set(auth(author))
      .send(postInput({ expiresAt: isoDay(-DAY) }));
    expect(past.body.error.fields.expiresAt).to.match(/Scadenza: la data è già passata/);
    // A practice that exists but is not published cannot be linked.
    await insertPractice(ctx, other, { slug: 'bozza-accoglienza', title: 'Bozza' }, 'draft');
    const draft = await request(ctx.app)
      .post('/api/v1/exchange')
      .set(auth(author))
      .send(postInput({ practiceSlug: 'bozza-accoglienza' }))
      .expect(400);
    expect(draft.body.error.fields.practiceSlug).to.match(/nessuna buona pratica pubblicata/);
    expect(await countPosts(ctx)).to.equal(0);
    await request(ctx.app).post('/api/v1/exchange').send(postInput()).expect(401);
  });

  it('links a published practice, and takes an expiry day (through that Italian day)', async () => {
    await insertPractice(ctx, author, { slug: 'palestra-lavoro', title: 'Palestra Lavoro' });
    const post = await createPost(ctx, author, {
      kind: 'offro',
      practiceSlug: 'palestra-lavoro',
      expiresAt: isoDay(30 * DAY),
    });
    const res = await request(ctx.app).get(`/api/v1/exchange/${post.id}`).expect(200);
    expect(res.body.post.practice).to.deep.equal({ slug: 'palestra-lavoro', title: 'Palestra Lavoro' });
    expect(Date.parse(res.body.post.expiresAt) - Date.now()).to.be.within(30 * DAY, 32 * DAY);
    // Edited without touching it, the link stays; a blank practiceSlug removes it.
    const kept = await request(ctx.app)
      .patch(`/api/v1/exchange/${post.id}`)
      .set(auth(author))
      .send({ title: 'Offriamo Palestra Lavoro' });
    expect(kept.body.post.practice).to.deep.equal({ slug: 'palestra-lavoro', title: 'Palestra Lavoro' });
    const unlinked = await request(ctx.app)
      .patch(`/api/v1/exchange/${post.id}`)
      .set(auth(author))
      .send({ practiceSlug: '' });
    expect(unlinked.body.post.practice).to.equal(null);
  });

  it('lets only its author (and admins) edit it: 403 for another member, 404 for an unknown post', async () => {
    const post = await createPost(ctx, author);
    const edited = await request(ctx.app)
      .patch(`/api/v1/exchange/${post.id}`)
      .set(auth(author))
      .send({ title: 'Cerchiamo un percorso per over 50', region: 'Puglia' })
      .expect(200);
    expect(edited.body.post).to.include({
      title: 'Cerchiamo un percorso per over 50',
      region: 'Puglia',
      kind: 'cerco',
    });
    const refused = await request(ctx.app)
      .patch(`/api/v1/exchange/${post.id}`)
      .set(auth(other))
      .send({ title: 'Preso!' })
      .expect(403);
    expect(refused.body.error.message).to.equal('Puoi modificare solo i tuoi annunci.');
    await request(ctx.app)
      .patch(`/api/v1/exchange/${post.id}`)
      .set(auth(author))
      .send({ theme: 'astronomia' })
      .expect(400);
    await request(ctx.app).patch('/api/v1/exchange/999999').set(auth(author)).send({ title: 'x' }).expect(404);
    await request(ctx.app).get('/api/v1/exchange/999999').expect(404);
    const admin = await member(ctx, 'Formez PA', 'admin');
    await request(ctx.app)
      .patch(`/api/v1/exchange/${post.id}`)
      .set(auth(admin))
      .send({ title: 'Moderato' })
      .expect(200);
    const [row] = await ctx.database.query<{ title: string }>('SELECT title FROM exchange_posts');
    expect(row!.title).to.equal('Moderato');
  });

  it('caps one person at ten posts a day (429), counting posts sent at once one after the other', async () => {
    const sent = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        request(ctx.app)
          .post('/api/v1/exchange')
          .set(auth(author))
          .send(postInput({ title: `Cerchiamo esperienze numero ${i + 1}` })),
      ),
    );
    expect(sent.map((r) => r.status).sort()).to.deep.equal([...Array(10).fill(201), 429, 429]);
    const refused = sent.find((r) => r.status === 429)!;
    expect(refused.body.error.message).to.contain('ultime 24 ore');
    const [count] = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM exchange_posts');
    expect(count!.n).to.equal(10);
    // Someone else may still post.
    await createPost(ctx, other);
  });

  it('refuses a member without an administration', async () => {
    await ctx.database.exec(`UPDATE users SET organization_id = NULL WHERE id = ${author.id}`);
    const res = await request(ctx.app).post('/api/v1/exchange').set(auth(author)).send(postInput()).expect(403);
    expect(res.body.error.message).to.match(/amministrazione/);
  });

  it('takes closed and expired posts off the board, the API list, search and the sitemap; the author still reads them', async () => {
    const closed = await createPost(ctx, author, { title: 'Cerchiamo tutor per il laboratorio di ceramica' });
    const expired = await createPost(ctx, author, { title: 'Cerchiamo mediatori per il laboratorio di vetro' });
    const active = await createPost(ctx, author, { title: 'Cerchiamo docenti per il laboratorio di legno' });
    await request(ctx.app).patch(`/api/v1/exchange/${closed.id}`).set(auth(author)).send({ closed: true }).expect(200);
    await ctx.database.exec(`UPDATE exchange_posts SET expires_at = now() - interval '1 day' WHERE id = ${expired.id}`);

    const list = await request(ctx.app).get('/api/v1/exchange').expect(200);
    expect(list.body.posts.map((p: { id: number }) => p.id)).to.deep.equal([active.id]);
    expect(list.body.total).to.equal(1);
    const board = await request(ctx.app).get('/cerco-offro').expect(200);
    expect(board.text).to.contain('laboratorio di legno').and.not.to.contain('ceramica').and.not.to.contain('vetro');
    const search = await request(ctx.app).get('/api/v1/search?q=laboratorio&type=exchange').expect(200);
    expect(search.body.results.map((r: { id: number }) => r.id)).to.deep.equal([active.id]);
    expect(search.body.results[0].url).to.equal(`/cerco-offro/${active.id}`);
    const sitemap = await request(ctx.app).get('/sitemap.xml').expect(200);
    expect(sitemap.text).to.contain(`/cerco-offro/${active.id}<`).and.not.to.contain(`/cerco-offro/${closed.id}<`);
    expect(sitemap.text).not.to.contain(`/cerco-offro/${expired.id}<`);

    for (const id of [closed.id, expired.id]) {
      await request(ctx.app).get(`/api/v1/exchange/${id}`).expect(404);
      await request(ctx.app).get(`/api/v1/exchange/${id}`).set(auth(other)).expect(404);
      await request(ctx.app).get(`/cerco-offro/${id}`).expect(404);
    }
    const mine = await request(ctx.app).get(`/api/v1/exchange/${expired.id}`).set(auth(author)).expect(200);
    expect(mine.body.post.status).to.equal('expired');
    const again = await request(ctx.app).get(`/api/v1/exchange/${closed.id}`).set(auth(author)).expect(200);
    expect(again.body.post.status).to.equal('closed');

    // The public feed tells only of posts still on the board, under their current title.
    await ctx.settle();
    const feedUrls = async () =>
      (await request(ctx.app).get(`/api/v1/feed`).expect(200)).body.activities
        .map((i: { object: { url: string; title: string } }) => `${i.object.url} ${i.object.title}`)
        .filter((line: string) => line.startsWith('/cerco-offro/'));
    expect(await feedUrls()).to.deep.equal([`/cerco-offro/${active.id} ${active.title}`]);
    await request(ctx.app).patch(`/api/v1/exchange/${closed.id}`).set(auth(author)).send({ closed: false }).expect(200);
    await request(ctx.app)
      .patch(`/api/v1/exchange/${active.id}`)
      .set(auth(author))
      .send({ title: 'Cerchiamo docenti per il laboratorio di falegnameria' })
      .expect(200);
    await ctx.settle();
    expect(await feedUrls()).to.deep.equal([
      `/cerco-offro/${active.id} Cerchiamo docenti per il laboratorio di falegnameria`,
      `/cerco-offro/${closed.id} ${closed.title}`,
    ]);
  });

  it('lets the author close, reopen and extend a post from its page', async () => {
    const post = await createPost(ctx, author);
    await ctx.database.exec(`UPDATE exchange_posts SET expires_at = now() - interval '1 day' WHERE id = ${post.id}`);
    const agent = await signedInAgent(ctx.app, author.email, author.password);
    const page = await agent.get(`/cerco-offro/${post.id}`).expect(200);
    expect(page.text).to.contain('Scaduto');
    const csrf = csrfFrom(page.text);
    // An expiry in the past is refused with a message on the page; nothing changes.
    await agent
      .post(`/cerco-offro/${post.id}/proroga`)
      .type('form')
      .send({ _csrf: csrf, expiresAt: isoDay(-DAY) })
      .expect(303);
    expect((await agent.get(`/cerco-offro/${post.id}`)).text).to.contain('la data è già passata');
    await agent.post(`/cerco-offro/${post.id}/proroga`).type('form').send({ _csrf: csrf, expiresAt: '' }).expect(303);
    const extended = await request(ctx.app).get(`/api/v1/exchange/${post.id}`).expect(200);
    expect(Date.parse(extended.body.post.expiresAt) - Date.now()).to.be.greaterThan(170 * DAY);
    await agent.post(`/cerco-offro/${post.id}/chiudi`).type('form').send({ _csrf: csrf }).expect(303);
    await request(ctx.app).get(`/cerco-offro/${post.id}`).expect(404);
    await agent.post(`/cerco-offro/${post.id}/riapri`).type('form').send({ _csrf: csrf }).expect(303);
    await request(ctx.app).get(`/cerco-offro/${post.id}`).expect(200);
    // Another member's buttons are refused.
    const intruder = await signedInAgent(ctx.app, other.email, other.password);
    const token = csrfFrom((await intruder.get(`/cerco-offro/${post.id}`)).text);
    await intruder.post(`/cerco-offro/${post.id}/chiudi`).type('form').send({ _csrf: token }).expect(403);
    await request(ctx.app).get(`/cerco-offro/${post.id}`).expect(200);
  });

  it('writes a post through the form, and shows the form again with the errors', async () => {
    const agent = await signedInAgent(ctx.app, author.email, author.password);
    const csrf = await formToken(agent, '/cerco-offro/nuovo');
    const refused = await agent
      .post('/cerco-offro')
      .type('form')
      .send({ _csrf: csrf, ...postInput({ theme: '', expiresAt: isoDay(-DAY) }) })
      .expect(400);
    expect(refused.text).to.contain('Tema: scegli uno dei temi').and.contain('Scadenza: la data è già passata');
    expect(refused.text).to.contain('value="Cerchiamo un modello di accoglienza per disoccupati over 50"');
    const created = await agent
      .post('/cerco-offro')
      .type('form')
      .send({ _csrf: csrf, ...postInput() })
      .expect(303);
    expect(created.headers.location).to.match(/^\/cerco-offro\/\d+$/);
    const mine = await agent.get('/cerco-offro/miei').expect(200);
    expect(mine.text).to.contain('Cerchiamo un modello di accoglienza');
    await request(ctx.app).get('/cerco-offro/nuovo').expect(303);
  });
});
