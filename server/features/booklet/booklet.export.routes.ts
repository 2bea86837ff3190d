// The booklet to take away: a printable page (/libretto/stampa), a PDF generated on the server
// (/libretto/libretto.pdf) and the portable JSON with every credential (/libretto/libretto.json).
import { Router } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf } from '../../core/http.ts';
import { heavyReadRateLimit } from '../../core/security.ts';
import { issuerOf } from './booklet.http.ts';
import { renderBookletPdf } from './booklet.pdf.ts';
import * as booklet from './booklet.service.ts';
import { bookletExport, competenceView, credentialUrl, declaredView, entryView } from './booklet.view.ts';

/** "libretto-formativo-anna-verdi": the downloads' file name, ASCII only. */
const fileBase = (name: string) =>
  `libretto-formativo-${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;

export function bookletExportRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/libretto/stampa', requireLogin, async (req, res) => {
    const b = await booklet.myBooklet(deps, actorOf(req));
    const credentials = (await booklet.credentialsOf(deps, actorOf(req)))
      .filter((c) => !c.revokedAt)
      .map((c) => ({ ...c, verifyUrl: `${deps.config.publicUrl}${credentialUrl(c.id)}` }));
    res.render('booklet/print', {
      layout: false,
      title: `${req.t('booklet.pdf.title')} – ${b.person.name}`,
      platformUrl: deps.config.publicUrl,
      generatedAt: new Date(),
      person: b.person,
      entries: b.entries.map(entryView),
      declared: b.declared.map(declaredView),
      competences: b.competences.map(competenceView),
      credentials,
    });
  });

  router.get('/libretto/libretto.pdf', requireLogin, heavyReadRateLimit(deps, 'booklet-pdf'), async (req, res) => {
    const actor = actorOf(req);
    const b = await booklet.myBooklet(deps, actor);
    const pdf = await renderBookletPdf(b, await booklet.credentialsOf(deps, actor), {
      platform: req.t('app.name'),
      url: deps.config.publicUrl,
      t: req.t,
      lang: req.lang,
    });
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${fileBase(b.person.name)}.pdf"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(pdf);
  });

  router.get('/libretto/libretto.json', requireLogin, async (req, res) => {
    const actor = actorOf(req);
    const b = await booklet.myBooklet(deps, actor);
    const body = bookletExport(b, await booklet.credentialsOf(deps, actor), issuerOf(deps, req));
    res.setHeader('Content-Disposition', `attachment; filename="${fileBase(b.person.name)}.json"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.json(body);
  });

  return router;
}
