import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { detectAllowedType } from '../../../server/features/attachments/attachments.content.ts';
import { demoArticles } from '../../../server/demo/articles-data.ts';
import { demoPdf, unknownRelatedSlugs } from '../../../server/demo/seed-articles.ts';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../../server/demo/seed.ts';
import { testContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';

describe('articles: demo content', () => {
  it('fills the channel: every kind, laws in force and repealed, files that download, a scheduled article', async function () {
    this.timeout(60_000);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'retespi-demo-articles-'));
    try {
      const ctx = await testContext({ ATTACHMENTS_DIR: dir });
      expect(unknownRelatedSlugs(demoArticles)).to.deep.equal([]);
      expect(await detectAllowedType(demoPdf('Prova – l’apostrofo'))).to.include({ mime: 'application/pdf' });
      await seedDemoIfEmpty(ctx);
      const [counts] = await ctx.database.query<Record<string, number>>(`
        SELECT count(*) FILTER (WHERE status = 'published')::int AS published,
               count(*) FILTER (WHERE status = 'scheduled')::int AS scheduled,
               count(*) FILTER (WHERE status = 'draft')::int AS drafts,
               count(DISTINCT kind)::int AS kinds,
               (SELECT count(*)::int FROM article_relations) AS relations,
               (SELECT count(*)::int FROM activities WHERE type = 'article.published') AS activities
          FROM articles`);
      expect(counts).to.deep.equal({
        published: demoArticles.length - 2,
        scheduled: 1,
        drafts: 1,
        kinds: 4,
        relations: demoArticles.reduce((n, a) => n + (a.related?.length ?? 0), 0),
        activities: demoArticles.length - 2,
      });

      const laws = await request(ctx.app).get('/notizie/normativa?limit=50').expect(200);
      expect(laws.text).to.contain('D.Lgs. 150/2015');
      expect(laws.text).to.contain('D.L. 185/2008');
      expect(laws.text).to.contain('Abrogata');
      const document = await request(ctx.app).get('/notizie/follow-me-presentazione-programma').expect(200);
      const link = /href="(\/allegati\/\d+\/follow-me-presentazione.pdf)"/.exec(document.text)![1]!;
      const file = await request(ctx.app).get(link).buffer(true).expect(200).expect('content-type', 'application/pdf');
      expect(String(file.body).startsWith('%PDF-1.4')).to.be.true;
      await request(ctx.app).get('/notizie/webinar-repertorio-competenze-toscana').expect(404);
      await request(ctx.app).get('/notizie/linee-guida-profilazione-bozza').expect(404);
      const home = await request(ctx.app).get('/').expect(200);
      expect(home.text).to.contain('Ultime notizie');
      expect(home.text).to.contain('/notizie/active-ageing-questionario-aziende');

      // The demo editor writes, and sees the draft and the scheduled article.
      const editor = await signedInAgent(ctx.app, 'giuliana.ruiu@formez.example.org', DEMO_PASSWORD);
      const list = await editor.get('/notizie').expect(200);
      expect(list.text).to.contain('/notizie/linee-guida-profilazione-bozza');
      expect(list.text).to.contain('/notizie/webinar-repertorio-competenze-toscana');
      await editor.get('/notizie/nuova').expect(200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
