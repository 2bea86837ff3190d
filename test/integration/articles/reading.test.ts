import { expect } from 'chai';
import type { Article } from '../../../models/schema.ts';
import request from 'supertest';
import { latestNews, publishedBetween } from '../../../server/features/articles/articles.service.ts';
import { createUser } from '../../factories.ts';
import { parseDocument, DomUtils } from 'htmlparser2';
import { parseRss, writeArticle } from '../../helpers/articles.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';

const DAY = 86_400_000;

describe('articles: what a visitor reads', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  /** An editor's channel: a news item, a press review, a law with a related news item, a draft. */
  async function channel() {
    const editor = await createUser(ctx, { name: 'Giuliana Ruiu', role: 'editor' });
    const news = await writeArticle(ctx, editor, {
      title: 'Qualificare i servizi per il lavoro contro la crisi',
      summary: 'Laboratori di autovalutazione in 29 Centri per l’Impiego.',
      body: 'Il progetto **Qualità e innovazione** ha coinvolto 1100 operatori.',
      theme: 'qualita',
      tags: 'autovalutazione, CPI',
    });
    const press = await writeArticle(ctx, editor, {
      kind: 'press',
      title: 'Rassegna stampa: lo sportello unico Labor',
      summary: 'La stampa locale sul progetto Labor della Provincia di Teramo.',
      body: '',
      theme: 'sistemi-informativi',
      pressItems: [
        {
          newspaper: 'Il Centro',
          date: '2009-03-14',
          title: 'Labor: uno sportello unico per lavoro e formazione',
          url: 'https://www.example.org/labor-teramo',
          summary: 'La Provincia capofila di un progetto che mette in rete dati e servizi.',
        },
        {
          newspaper: 'La Città',
          date: '2009-03-15',
          title: 'Cooperazione applicativa tra anagrafi e CPI',
          url: 'http://www.example.org/cooperazione',
          summary: '',
        },
      ],
    });
    const law = await writeArticle(ctx, editor, {
      kind: 'law',
      title: 'Decreto legislativo 150/2015: riordino dei servizi per il lavoro',
      summary: 'La rete nazionale dei servizi per le politiche del lavoro e i LEP.',
      body: 'Istituisce ANPAL e definisce i livelli essenziali delle prestazioni.',
      theme: 'lep',
      lawReference: 'D.Lgs. 150/2015',
      lawDate: '2015-09-14',
      lawIssuer: 'Governo della Repubblica',
      lawStatus: 'in_force',
      lawUrl: 'https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:decreto.legislativo:2015-09-14;150',
      related: [news.slug],
      tags: 'LEP',
    });
    const draft = await writeArticle(ctx, editor, { title: 'Bozza riservata sulla DID', status: 'draft' });
    return { editor, news, press, law, draft };
  }

  it('shows news, the press review and a law page, each in its section, drafts nowhere', async () => {
    const { news, press, law, draft } = await channel();
    const all = await request(ctx.app).get('/notizie').expect(200);
    for (const a of [news, press, law]) expect(all.text).to.contain(`href="/notizie/${a.slug}"`);
    expect(all.text).not.to.contain(draft.title);
    // The list announces its feed in the head, and shows a visible link to it.
    expect(all.text).to.match(
      /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/notizie\/feed.xml">/,
    );
    expect(all.text).to.match(/<a [^>]*href="\/notizie\/feed.xml"[^>]*>[\s\S]*?Feed RSS<\/a>/);

    const section = await request(ctx.app).get('/notizie/rassegna-stampa').expect(200);
    expect(section.text).to.contain(`href="/notizie/${press.slug}"`);
    expect(section.text).not.to.contain(`href="/notizie/${news.slug}"`);
    expect(section.text).to.contain('href="/notizie/rassegna-stampa/feed.xml"');

    const review = await request(ctx.app).get(`/notizie/${press.slug}`).expect(200);
    expect(review.text).to.contain('2 articoli in rassegna');
    expect(review.text).to.contain('<strong>Il Centro</strong>');
    expect(review.text).to.contain('href="https://www.example.org/labor-teramo" rel="noopener noreferrer nofollow"');
    expect(review.text).to.contain('14 marzo 2009');

    const normativa = await request(ctx.app).get('/notizie/normativa').expect(200);
    expect(normativa.text).to.contain('D.Lgs. 150/2015');
    expect(normativa.text).to.contain('In vigore');
    const lawPage = await request(ctx.app).get(`/notizie/${law.slug}`).expect(200);
    expect(lawPage.text).to.contain('Scheda normativa');
    expect(lawPage.text).to.contain('Governo della Repubblica');
    expect(lawPage.text).to.contain('14 settembre 2015');
    expect(lawPage.text).to.contain(
      'href="https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:decreto.legislativo:2015-09-14;150"',
    );
    // Its explicit related article comes first among the related ones.
    const aside = lawPage.text.slice(lawPage.text.indexOf('id="related-title"'));
    expect(aside).to.contain(`href="/notizie/${news.slug}"`);

    const newsPage = await request(ctx.app).get(`/notizie/${news.slug}`).expect(200);
    expect(newsPage.text).to.contain('<strong>Qualità e innovazione</strong>');
    expect(newsPage.text).to.contain('href="/notizie?tag&#x3D;autovalutazione"');

    await request(ctx.app).get(`/notizie/${draft.slug}`).expect(404);
    await request(ctx.app).get('/notizie/non-esiste').expect(404);
  });

  it('filters by kind, theme, tag and year, sorts by date, and pages by keyset', async () => {
    const editor = await createUser(ctx, { role: 'editor' });
    const base = Date.UTC(2024, 0, 10, 12);
    // 25 items over two years, each a day apart, the oldest first.
    const written: Article[] = [];
    for (let i = 0; i < 25; i++) {
      const at = new Date(base + i * 20 * DAY);
      written.push(
        await writeArticle(
          ctx,
          editor,
          {
            title: `Notizia ${String(i).padStart(2, '0')} dagli osservatori`,
            theme: i % 2 ? 'osservatori' : 'qualita',
            tags: i % 5 === 0 ? 'mercato' : '',
          },
          at,
        ),
      );
    }
    /** Handlebars escapes "=" and "&" in attributes; a browser reads them back. */
    const href = (html: string, rel: string) =>
      new RegExp(`href="([^"]+)" rel="${rel}"`)
        .exec(html)![1]!
        .replace(/&#x3D;/g, '=')
        .replace(/&amp;/g, '&');
    const slugsIn = (html: string) =>
      [...html.matchAll(/<h2 class="card-title h5"><a href="\/notizie\/([^"]+)"/g)].map((m) => m[1]);
    const first = await request(ctx.app).get('/notizie').expect(200);
    const page1 = slugsIn(first.text);
    expect(page1).to.deep.equal(
      written
        .slice(5)
        .reverse()
        .map((a) => a.slug),
    );
    const next = href(first.text, 'next');
    expect(next).to.match(/^\/notizie\?dopo=\d+$/);
    const second = await request(ctx.app).get(next).expect(200);
    expect(slugsIn(second.text)).to.deep.equal(
      written
        .slice(0, 5)
        .reverse()
        .map((a) => a.slug),
    );
    expect(second.text).not.to.contain('rel="next"');
    // Back from the second page gives the first page again.
    const prev = href(second.text, 'prev');
    expect(slugsIn((await request(ctx.app).get(prev).expect(200)).text)).to.deep.equal(page1);

    const oldest = slugsIn((await request(ctx.app).get('/notizie?ordine=meno-recenti&limit=3').expect(200)).text);
    expect(oldest).to.deep.equal(written.slice(0, 3).map((a) => a.slug));
    const theme = slugsIn((await request(ctx.app).get('/notizie?tema=osservatori&limit=100').expect(200)).text);
    expect(theme).to.have.length(12);
    const tag = slugsIn((await request(ctx.app).get('/notizie?tag=Mercato').expect(200)).text);
    expect(tag).to.deep.equal([20, 15, 10, 5, 0].map((i) => written[i]!.slug));
    const year = await request(ctx.app).get('/notizie?anno=2024&limit=100').expect(200);
    // 2024-01-10 + 17×20 days is 15 December 2024; 18×20 days is 4 January 2025.
    expect(slugsIn(year.text)).to.have.length(18);
    expect(year.text).to.match(/<option value="2025">2025<\/option>\s*<option value="2024" selected>/);
    // No press review: that section is empty; a bad filter value is ignored, not an error.
    expect(slugsIn((await request(ctx.app).get('/notizie/rassegna-stampa').expect(200)).text)).to.deep.equal([]);
    await request(ctx.app).get('/notizie?tema=nessuno&anno=tremila&dopo=abc').expect(200);
  });

  it('serves valid RSS 2.0 for all news and each section, with the right content type', async () => {
    const { news, press, law, draft } = await channel();
    const res = await request(ctx.app).get('/notizie/feed.xml').expect(200);
    expect(res.headers['content-type']).to.equal('application/rss+xml; charset=utf-8');
    const rss = parseRss(res.text);
    expect(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).to.be.true;
    expect(rss.version).to.equal('2.0');
    expect(rss.title).to.contain('Notizie');
    expect(rss.link).to.equal(`${ctx.config.publicUrl}/notizie`);
    expect(rss.items.map((i) => i.title)).to.have.members([news.title, press.title, law.title]);
    expect(rss.items.map((i) => i.title)).not.to.include(draft.title);
    const item = rss.items.find((i) => i.title === law.title)!;
    expect(item.link).to.equal(`${ctx.config.publicUrl}/notizie/${law.slug}`);
    expect(item.guid).to.equal(item.link);
    expect(item.description).to.equal(law.summary);
    expect(item.categories).to.include.members(['Livelli essenziali delle prestazioni (LEP)', 'lep']);
    expect(new Date(item.pubDate).getTime()).to.equal(law.publishedAt!.getTime() - (law.publishedAt!.getTime() % 1000));

    const sections: [string, string[]][] = [
      ['/notizie/rassegna-stampa/feed.xml', [press.title]],
      ['/notizie/normativa/feed.xml', [law.title]],
      ['/notizie/documenti/feed.xml', []],
    ];
    for (const [path, titles] of sections) {
      const section = await request(ctx.app)
        .get(path)
        .expect(200)
        .expect('content-type', 'application/rss+xml; charset=utf-8');
      const parsed = parseRss(section.text);
      expect(parsed.version).to.equal('2.0');
      expect(parsed.items.map((i) => i.title)).to.deep.equal(titles);
    }
  });

  it('gives feed readers a summary and a title as text, never as markup', async () => {
    const editor = await createUser(ctx, { role: 'editor' });
    const summary = 'Il bando <img src=x onerror=alert(1)> scade & si rinnova ]]> <script>alert(2)</script>';
    const title = 'Bando <b>regionale</b> & formazione';
    await writeArticle(ctx, editor, { title, summary });
    const res = await request(ctx.app).get('/notizie/feed.xml').expect(200);
    expect(res.text).not.to.match(/<img|<script|<b>/);
    const [item] = parseRss(res.text).items;
    // A reader renders the description as HTML: it finds no element in it, only the summary's text.
    for (const [html, text] of [
      [item!.description, summary],
      [item!.title, title],
    ] as const) {
      const doc = parseDocument(html, { decodeEntities: true });
      expect(DomUtils.findAll(() => true, doc.children)).to.deep.equal([]);
      expect(DomUtils.textContent(doc)).to.equal(text);
    }
  });

  it('puts the latest news on the home page and in the API, and gives the newsletter a period', async () => {
    const editor = await createUser(ctx, { role: 'editor' });
    const now = Date.now();
    const older = await writeArticle(ctx, editor, { title: 'Notizia di dieci giorni fa' }, new Date(now - 10 * DAY));
    const recent: Article[] = [];
    for (let i = 4; i >= 1; i--)
      recent.push(await writeArticle(ctx, editor, { title: `Notizia recente ${i}` }, new Date(now - i * DAY)));
    const draft = await writeArticle(ctx, editor, { title: 'Bozza da non mostrare', status: 'draft' });
    const page = (await request(ctx.app).get('/').expect(200)).text;
    // The news block (the activity feed further down tells of every publication).
    const home = {
      text: page.slice(page.indexOf('id="news-title"'), page.indexOf('</section>', page.indexOf('id="news-title"'))),
    };
    expect(home.text).to.contain('Ultime notizie');
    for (const a of recent) expect(home.text).to.contain(`href="/notizie/${a.slug}"`);
    expect(home.text).not.to.contain(older.slug);
    expect(home.text).not.to.contain(draft.slug);
    expect((await latestNews(ctx, 4)).map((a) => a.slug)).to.deep.equal(recent.map((a) => a.slug).reverse());

    const period = await publishedBetween(ctx, new Date(now - 11 * DAY), new Date(now - 2.5 * DAY));
    expect(period.map((a) => a.slug)).to.deep.equal([older.slug, recent[0]!.slug, recent[1]!.slug]);

    const api = await request(ctx.app).get('/api/v1/articles?limit=2').expect(200);
    expect(api.body.articles.map((a: { slug: string }) => a.slug)).to.deep.equal([recent[3]!.slug, recent[2]!.slug]);
    const more = await request(ctx.app).get(`/api/v1/articles?limit=10&after=${api.body.next}`).expect(200);
    expect(more.body.articles.map((a: { slug: string }) => a.slug)).to.deep.equal(
      [recent[1]!, recent[0]!, older].map((a) => a.slug),
    );
    const one = await request(ctx.app).get(`/api/v1/articles/${older.slug}`).expect(200);
    expect(one.body.article).to.include({ slug: older.slug, kind: 'news', status: 'published', title: older.title });
    await request(ctx.app).get(`/api/v1/articles/${draft.slug}`).expect(404);
    const bad = await request(ctx.app).get('/api/v1/articles?kind=gossip').expect(400);
    expect(bad.body.error.fields.kind).to.contain('notizia, rassegna stampa, normativa o documento');
  });
});
