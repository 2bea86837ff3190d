// Discoverability: robots.txt, the sitemap of public pages, the <head> of public pages (title,
// description, canonical URL, Open Graph, feed links) and each group's RSS feed, refused to those
// who may not read the group.
import { expect } from 'chai';
import request from 'supertest';
import { setMembership } from '../../../models/queries/groups.ts';
import { courseLessons, courseModules, courses } from '../../../models/schema.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { setPostHidden } from '../../../server/features/discussions/moderation.service.ts';
import { createGroup, createReply, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';

// http, not https: secure cookies would not come back to the test's signed-in agents over http.
const PUBLIC_URL = 'http://retespi.example.it';

/** The content of `<meta name|property="key">` in a page. */
const metaOf = (html: string, key: string) =>
  new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)">`).exec(html)?.[1];
const decode = (s: string | undefined) =>
  s
    ?.replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('discoverability', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext({ PUBLIC_URL });
  });

  async function fixtures() {
    const owner = await createUser(ctx, { role: 'animator' });
    const member = await createUser(ctx);
    const { group: open } = await createGroup(ctx, { owner, name: 'Comunità SPI' });
    const { group: closed } = await createGroup(ctx, { owner, name: 'Rete degli osservatori', visibility: 'closed' });
    const { group: secret } = await createGroup(ctx, { owner, name: 'Gruppo riservato', visibility: 'private' });
    await setMembership(ctx.database.db, { groupId: closed.id, userId: member.id, role: 'member', status: 'active' });
    await setMembership(ctx.database.db, { groupId: secret.id, userId: member.id, role: 'member', status: 'active' });
    const pub = await createThread(ctx, owner, open, {
      title: 'Tirocini & <stage> in Toscana',
      body: 'Le **regole** regionali sui tirocini extracurricolari, in breve.',
    });
    const hiddenOpening = await createThread(ctx, owner, open, {
      title: 'Domanda nascosta',
      body: 'Testo da non mostrare.',
    });
    await setPostHidden(ctx, toSessionUser(owner), hiddenOpening.post.id, true, { reason: 'Fuori tema' });
    const shut = await createThread(ctx, owner, closed, { title: 'Dati riservati di ottobre' });
    const priv = await createThread(ctx, owner, secret, { title: 'Verbale riservato' });
    return { owner, member, open, closed, secret, pub, hiddenOpening, shut, priv };
  }

  it('serves robots.txt that keeps crawlers out of private areas and points at the sitemap', async () => {
    const res = await request(ctx.app)
      .get('/robots.txt')
      .expect(200)
      .expect('content-type', 'text/plain; charset=utf-8');
    const lines = res.text.split('\n');
    expect(lines[0]).to.equal('User-agent: *');
    for (const path of ['/admin', '/api/', '/profilo', '/notifiche', '/cerca', '/accedi'])
      expect(lines).to.include(`Disallow: ${path}`);
    expect(lines).to.include(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
  });

  it('lists in the sitemap only the pages anonymous visitors may read', async () => {
    const f = await fixtures();
    const db = ctx.database.db;
    const [published] = await db
      .insert(courses)
      .values({ slug: 'accoglienza', title: 'Accoglienza', status: 'published', enrolment: 'open' })
      .returning();
    const [draft] = await db.insert(courses).values({ slug: 'bozza', title: 'Bozza', status: 'draft' }).returning();
    const [approval] = await db
      .insert(courses)
      .values({ slug: 'su-richiesta', title: 'Su richiesta', status: 'published', enrolment: 'approval' })
      .returning();
    for (const c of [published!, draft!, approval!]) {
      const [mod] = await db
        .insert(courseModules)
        .values({ courseId: c.id, slug: 'm', title: 'M', position: 1 })
        .returning();
      await db
        .insert(courseLessons)
        .values({ courseId: c.id, moduleId: mod!.id, slug: 'prima', title: 'Prima', position: 1 });
    }

    const res = await request(ctx.app)
      .get('/sitemap.xml')
      .expect(200)
      .expect('content-type', 'application/xml; charset=utf-8');
    expect(res.text).to.match(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/,
    );
    const locs = [...res.text.matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?<\/url>/g)].map(
      (m) => m[1],
    );
    expect(res.text.match(/<url>/g)).to.have.length(locs.length);
    const expected = [
      '/',
      '/gruppi',
      '/corsi',
      '/enti',
      `/gruppi/${f.open.slug}`,
      `/discussioni/${f.pub.thread.id}`,
      `/discussioni/${f.hiddenOpening.thread.id}`,
      '/corsi/accoglienza',
      '/corsi/su-richiesta',
      '/corsi/accoglienza/lezioni/prima',
    ].map((p) => `${PUBLIC_URL}${p}`);
    expect(locs).to.include.members(expected);
    for (const hidden of [
      `/gruppi/${f.closed.slug}`,
      `/gruppi/${f.secret.slug}`,
      `/discussioni/${f.shut.thread.id}`,
      `/discussioni/${f.priv.thread.id}`,
      '/corsi/bozza',
      '/corsi/bozza/lezioni/prima',
      '/corsi/su-richiesta/lezioni/prima',
      `/membri/${f.owner.id}`,
    ])
      expect(locs).not.to.include(`${PUBLIC_URL}${hidden}`);
    expect(res.text).to.match(/<lastmod>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z<\/lastmod>/);
  });

  it('gives public pages a title, a description, a canonical URL, Open Graph tags and their feed', async () => {
    const f = await fixtures();
    const group = await request(ctx.app).get(`/gruppi/${f.open.slug}`).query({ page: 1, utm: 'x' }).expect(200);
    expect(group.text).to.contain('<title>Comunità SPI · Rete SPI</title>');
    expect(metaOf(group.text, 'description')).to.equal('Un gruppo per le prove.');
    expect(group.text).to.contain(`<link rel="canonical" href="${PUBLIC_URL}/gruppi/${f.open.slug}">`);
    expect(metaOf(group.text, 'og:url')).to.equal(`${PUBLIC_URL}/gruppi/${f.open.slug}`);
    expect(metaOf(group.text, 'og:title')).to.equal('Comunità SPI');
    expect(metaOf(group.text, 'og:type')).to.equal('website');
    expect(metaOf(group.text, 'og:locale')).to.equal('it_IT');
    expect(metaOf(group.text, 'og:site_name')).to.equal('Rete SPI');
    const feedHref = `/gruppi/${f.open.slug}/feed.xml`;
    expect(group.text).to.contain(
      `<link rel="alternate" type="application/rss+xml" title="Comunità SPI · discussioni (Rete SPI)" href="${feedHref}">`,
    );
    expect(group.text).to.match(
      new RegExp(`<a href="${feedHref}" type="application/rss\\+xml">.*Segui le nuove discussioni`),
    );

    const thread = await request(ctx.app).get(`/discussioni/${f.pub.thread.id}`).expect(200);
    expect(decode(metaOf(thread.text, 'description'))).to.equal(
      'Le regole regionali sui tirocini extracurricolari, in breve.',
    );
    expect(metaOf(thread.text, 'og:type')).to.equal('article');
    expect(decode(metaOf(thread.text, 'og:title'))).to.equal('Tirocini & <stage> in Toscana');
    expect(thread.text).to.contain(`<link rel="canonical" href="${PUBLIC_URL}/discussioni/${f.pub.thread.id}">`);
    // A hidden opening post lends no text to the description.
    const hidden = await request(ctx.app).get(`/discussioni/${f.hiddenOpening.thread.id}`).expect(200);
    expect(metaOf(hidden.text, 'description')).not.to.contain('non mostrare');

    const home = await request(ctx.app).get('/').expect(200);
    expect(home.text).to.contain(`<link rel="canonical" href="${PUBLIC_URL}/">`);
    expect(decode(metaOf(home.text, 'description'))).to.equal(
      "La comunità di pratica e di apprendimento degli operatori dei Servizi per l'Impiego",
    );
    const page2 = await request(ctx.app).get('/membri').query({ page: 2, region: 'Toscana' }).expect(200);
    // Filters are left out of the canonical address; the page number is kept (Handlebars writes = as &#x3D;).
    expect(decode(page2.text)).to.contain(`<link rel="canonical" href="${PUBLIC_URL}/membri?page=2">`);
    const profile = await request(ctx.app).get(`/membri/${f.owner.id}`).expect(200);
    expect(decode(metaOf(profile.text, 'description'))).to.equal(
      "Operatrice dell'accoglienza · CPI di Firenze · Toscana",
    );
    const results = await request(ctx.app).get('/cerca').query({ q: 'tirocini' }).expect(200);
    expect(metaOf(results.text, 'robots')).to.equal('noindex');
    expect(metaOf(group.text, 'robots')).to.equal(undefined);

    // A long description is cut to a search engine's length.
    const { group: long } = await createGroup(ctx, { owner: f.owner, name: 'Gruppo lungo' });
    await ctx.database.query('UPDATE groups SET description = $1 WHERE id = $2', ['Parole '.repeat(60), long.id]);
    const longPage = await request(ctx.app).get(`/gruppi/${long.slug}`).expect(200);
    expect(metaOf(longPage.text, 'description')).to.have.length.within(100, 160).and.match(/…$/);

    // A closed group's page, seen from outside, announces no feed.
    const closedPage = await request(ctx.app).get(`/gruppi/${f.closed.slug}`).expect(200);
    expect(closedPage.text).not.to.contain('application/rss+xml');
  });

  it('serves each public group’s latest discussions as valid RSS 2.0', async () => {
    const f = await fixtures();
    await createReply(ctx, f.owner, f.pub.thread, 'Una risposta che non è una discussione nuova.');
    const res = await request(ctx.app)
      .get(`/gruppi/${f.open.slug}/feed.xml`)
      .expect(200)
      .expect('content-type', 'application/rss+xml; charset=utf-8');
    const xml = res.text;
    expect(xml).to.match(/^<\?xml version="1\.0" encoding="utf-8"\?>\s*<rss version="2\.0"/i);
    const channel = /<channel>([\s\S]*)<\/channel>/.exec(xml)![1]!;
    expect(channel).to.match(/<title>Comunità SPI · discussioni \(Rete SPI\)<\/title>/);
    expect(channel).to.contain(`<link>${PUBLIC_URL}/gruppi/${f.open.slug}</link>`);
    expect(channel).to.match(/<description>Un gruppo per le prove\.<\/description>/);
    expect(channel).to.contain('<language>it</language>');
    const items = [...channel.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1]!);
    expect(items).to.have.length(2);
    // Newest first; titles escaped as HTML text (readers render an item's CDATA as HTML, as in the
    // article and event feeds); links absolute; the hidden opening post's text left out.
    expect(items[0]).to.contain('<title><![CDATA[Domanda nascosta]]></title>');
    expect(items[0]).not.to.contain('non mostrare');
    expect(items[1]).to.contain('<title><![CDATA[Tirocini &amp; &lt;stage&gt; in Toscana]]></title>');
    expect(items[1]).to.contain(`<link>${PUBLIC_URL}/discussioni/${f.pub.thread.id}</link>`);
    expect(items[1]).to.contain(`<guid isPermaLink="false">${PUBLIC_URL}/discussioni/${f.pub.thread.id}</guid>`);
    expect(items[1]).to.contain('Le regole regionali sui tirocini extracurricolari, in breve.');
    expect(items[1]).to.match(/<pubDate>\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT<\/pubDate>/);
    for (const item of items) expect(item).not.to.match(/@|<author>/);
    expect(xml).not.to.contain('Dati riservati');
  });

  it('refuses a closed or private group’s feed to those who may not read it, and serves it to members', async () => {
    const f = await fixtures();
    const outsider = await createUser(ctx);
    const outsiderAgent = await signedInAgent(ctx.app, outsider.email, outsider.password);
    const memberAgent = await signedInAgent(ctx.app, f.member.email, f.member.password);
    for (const group of [f.closed, f.secret]) {
      const title = group === f.closed ? 'Dati riservati di ottobre' : 'Verbale riservato';
      const anonymous = await request(ctx.app).get(`/gruppi/${group.slug}/feed.xml`).expect(404);
      expect(anonymous.text).not.to.contain(title);
      const outside = await outsiderAgent.get(`/gruppi/${group.slug}/feed.xml`).expect(404);
      expect(outside.text).not.to.contain(title);
      const own = await memberAgent.get(`/gruppi/${group.slug}/feed.xml`).expect(200);
      expect(own.text).to.contain(`<title><![CDATA[${title}]]></title>`);
    }
    await request(ctx.app).get('/gruppi/nessun-gruppo/feed.xml').expect(404);
  });
});
