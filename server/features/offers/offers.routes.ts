// /offerta-formativa (the catalogue, an offer's page, the open data, the CSV upload for animators
// and admins) and /api/v1/training-offers (list, read, upsert, change, withdraw, CSV import).
import express, { Router, type Request } from 'express';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, idOf } from '../../core/http.ts';
import { paginate } from '../../core/pagination.ts';
import { csrfToken } from '../../core/security.ts';
import { uploadedFiles, uploadParser } from '../../core/uploads.ts';
import { CSV_COLUMNS, REQUIRED_COLUMNS, type CsvProblem } from './offers.csv.ts';
import { PROVINCES } from './offers.provinces.ts';
import { OFFER_CERTIFICATIONS, OFFER_THEMES } from './offers.schema.ts';
import {
  editOffer,
  importOffers,
  listOffersApi,
  offerCataloguePage,
  openOffers,
  publishOffer,
  readOffer,
  removeOffer,
  uploadPage,
  type ImportReport,
} from './offers.service.ts';
import {
  OFFER_OPEN_DATA_LICENCE,
  OFFER_OPEN_DATA_PATHS,
  offerJson,
  offerOpenCsv,
  offerOpenJson,
  offerOpenRecord,
  offerView,
} from './offers.view.ts';

const BASE = '/offerta-formativa';
const licenceLink = `<${OFFER_OPEN_DATA_LICENCE.url}>; rel="license"`;
const csvBody = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '5mb' });

/** The report with each problem in words (row, column, message). */
function reportJson(req: Request, r: ImportReport) {
  return {
    dryRun: r.dryRun,
    imported: r.imported,
    rows: r.rows,
    created: r.created,
    updated: r.updated,
    errors: r.problems.map((p: CsvProblem) => ({ row: p.row, field: p.field, message: req.t(p.key, p.params ?? {}) })),
  };
}

export function offerRoutes(deps: Deps): Router {
  const router = Router();

  // --- Pages ---------------------------------------------------------------------------------------
  router.get(BASE, async (req, res) => {
    const page = await offerCataloguePage(deps, actorOf(req), req.query);
    const f = page.filters;
    res.render('offers/catalogue', {
      title: req.t('offers.title'),
      meta: { description: req.t('offers.intro') },
      breadcrumbs: [{ label: req.t('offers.title') }],
      feeds: [{ type: 'application/json', title: req.t('offers.open_data.json'), href: OFFER_OPEN_DATA_PATHS.json }],
      query: f,
      offers: page.offers.map((o) => offerView(o, req.lang)),
      courses: page.courses.map((c) => ({ ...c, url: `/corsi/${c.slug}` })),
      total: page.total,
      filtered: Boolean(f.q || f.provincia || f.tema || f.dal || f.al || f.gratuiti),
      provinces: [...PROVINCES]
        .map(([code, name]) => ({
          value: code,
          label: `${name} (${code})`,
          count: page.provinces.find((p) => p.province === code)?.n ?? 0,
          selected: f.provincia === code,
        }))
        .filter((p) => p.count > 0 || p.selected),
      themes: OFFER_THEMES.map((t) => ({ value: t, label: `practices.themes.${t}`, selected: f.tema === t })),
      canUpload: page.canUpload,
      openData: { ...OFFER_OPEN_DATA_PATHS, licence: OFFER_OPEN_DATA_LICENCE },
      pagination: paginate(BASE, { ...f }, page.page, page.pages),
    });
  });

  router.get(OFFER_OPEN_DATA_PATHS.json, async (_req, res) => {
    const site = deps.config.publicUrl;
    const body = offerOpenJson(
      (await openOffers(deps)).map((o) => offerOpenRecord(o, site)),
      site,
    );
    res.set({ Link: licenceLink, 'Access-Control-Allow-Origin': '*' }).json(body);
  });

  router.get(OFFER_OPEN_DATA_PATHS.csv, async (_req, res) => {
    const site = deps.config.publicUrl;
    res
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'inline; filename="offerta-formativa.csv"',
        Link: licenceLink,
        'Access-Control-Allow-Origin': '*',
      })
      .send(offerOpenCsv((await openOffers(deps)).map((o) => offerOpenRecord(o, site))));
  });

  const renderUpload = async (
    req: Request,
    res: express.Response,
    locals: Record<string, unknown> = {},
    status = 200,
  ) => {
    const { organizations, ownOrganizationId } = await uploadPage(deps, actorOf(req));
    const chosen = (locals.organization as string | undefined) ?? '';
    res.status(status).render('offers/upload', {
      title: req.t('offers.upload.title'),
      breadcrumbs: [{ label: req.t('offers.title'), url: BASE }, { label: req.t('offers.upload.title') }],
      csrf: csrfToken(req),
      organizations: organizations.map((o) => ({
        slug: o.slug,
        name: o.name,
        selected: chosen ? o.slug === chosen : o.id === ownOrganizationId,
      })),
      columns: Object.keys(CSV_COLUMNS),
      required: REQUIRED_COLUMNS,
      certifications: OFFER_CERTIFICATIONS,
      certColumn: 'certification',
      themeColumn: 'theme',
      themes: OFFER_THEMES,
      ...locals,
    });
  };

  router.get(`${BASE}/carica`, requireLogin, async (req, res) => renderUpload(req, res));

  router.post(
    `${BASE}/carica`,
    requireLogin,
    async (req, res, next) => {
      try {
        await uploadPage(deps, actorOf(req)); // refused before any upload is read
        next();
      } catch (err) {
        next(err);
      }
    },
    uploadParser(deps.config, 'file', 1),
    async (req, res) => {
      const file = uploadedFiles(req)[0];
      const text = file ? file.buffer.toString('utf8') : String(req.body?.csv ?? '');
      const report = await importOffers(deps, actorOf(req), text, {
        dryRun: req.body?.dryRun,
        organization: req.body?.organization,
      });
      await renderUpload(
        req,
        res,
        { report: reportJson(req, report), organization: req.body?.organization },
        report.problems.length ? 400 : 200,
      );
    },
  );

  router.get(`${BASE}/:id`, async (req, res) => {
    const { offer, competences, canEdit } = await readOffer(deps, actorOf(req), idOf(req));
    const view = offerView(offer, req.lang);
    res.render('offers/show', {
      title: offer.title,
      meta: { description: `${offer.providerName} · ${view.place ?? req.t('offers.online')}` },
      breadcrumbs: [{ label: req.t('offers.title'), url: BASE }, { label: offer.title }],
      offer: view,
      competences: competences.map((c) => ({
        code: c.code,
        title: c.title,
        url: `/competenze/${encodeURIComponent(c.code)}`,
      })),
      canEdit,
    });
  });

  // --- API -----------------------------------------------------------------------------------------
  router.get('/api/v1/training-offers', async (req, res) => {
    const list = await listOffersApi(deps, req.query);
    res.json({ ...list, offers: list.offers.map(offerJson) });
  });

  router.post('/api/v1/training-offers/import', requireAuth, csvBody, async (req, res) => {
    const text = typeof req.body === 'string' ? req.body : '';
    const report = await importOffers(deps, actorOf(req), text, req.query);
    const body = reportJson(req, report);
    if (report.problems.length) {
      res.status(400).json({
        error: { code: 'validation', message: req.t('errors.offer_csv_rejected', { count: body.errors.length }) },
        report: body,
      });
      return;
    }
    res.json({ report: body });
  });

  router.get('/api/v1/training-offers/:id', async (req, res) => {
    const { offer } = await readOffer(deps, actorOf(req), idOf(req));
    res.json({ offer: offerJson(offer) });
  });

  router.post('/api/v1/training-offers', requireAuth, async (req, res) => {
    const { offer, created } = await publishOffer(deps, actorOf(req), req.body, 'api');
    res
      .status(created ? 201 : 200)
      .location(`/api/v1/training-offers/${offer.id}`)
      .json({ offer: offerJson(offer), created });
  });

  router.patch('/api/v1/training-offers/:id', requireAuth, async (req, res) => {
    const offer = await editOffer(deps, actorOf(req), idOf(req), req.body);
    res.json({ offer: offerJson(offer) });
  });

  router.delete('/api/v1/training-offers/:id', requireAuth, async (req, res) => {
    await removeOffer(deps, actorOf(req), idOf(req));
    res.status(204).end();
  });

  return router;
}
