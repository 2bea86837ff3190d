// /admin/monitoraggio: the network's figures over a chosen period (charts, tables, CSV per section)
// and the targets animators set on them. Animators and admins (the service decides).
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { ValidationError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, routeId } from '../../core/http.ts';
import { translateFields } from '../../core/i18n.ts';
import { csrfToken, heavyReadRateLimit } from '../../core/security.ts';
import { italianDay } from '../../core/time.ts';
import { FIGURE_KEYS, SECTIONS, type Section } from './monitoring.figures.ts';
import { addDays } from './monitoring.schema.ts';
import * as monitoring from './monitoring.service.ts';
import { tableCsv } from './monitoring.csv.ts';
import { dashboardView, sectionTable, targetsTable, targetView } from './monitoring.view.ts';

export const PAGE = '/admin/monitoraggio';

/** Quick periods, ending today: the last 30 days, 3 months, 12 months, and the current year. */
function presets(req: Request, now = new Date()) {
  const today = italianDay(now);
  const link = (key: string, from: string) => ({
    label: req.t(`monitoring.presets.${key}`),
    url: `${PAGE}?from=${from}&to=${today}`,
  });
  return [
    link('days30', addDays(today, -29)),
    link('days90', addDays(today, -89)),
    link('days365', addDays(today, -364)),
    link('year', `${today.slice(0, 4)}-01-01`),
  ];
}

/** Back to the dashboard on the period it was showing (only that page's own query). */
function backTo(value: unknown): string {
  const q = typeof value === 'string' ? value : '';
  return /^[\w=&-]*$/.test(q) && q ? `${PAGE}?${q}` : PAGE;
}

async function renderDashboard(deps: Deps, req: Request, res: Response) {
  const title = req.t('monitoring.title');
  const base = {
    title,
    // Admins reach it from /admin; animators (who have no /admin) from their menu.
    breadcrumbs: [
      ...(req.user?.role === 'admin' ? [{ label: req.t('admin.title'), url: '/admin' }] : []),
      { label: title },
    ],
    presets: presets(req),
    figures: FIGURE_KEYS.map((key) => ({ key, label: req.t(`monitoring.figures.${key}`) })),
    csrf: csrfToken(req),
  };
  try {
    const { period, stats } = await monitoring.networkStats(deps, actorOf(req), req.query);
    const targets = await monitoring.targetsProgress(deps, actorOf(req), period);
    res.render('monitoring/dashboard', {
      ...base,
      period: { ...stats.period, auto: !req.query.bucket },
      query: `from=${period.fromDay}&to=${period.toDay}${req.query.bucket ? `&bucket=${period.bucket}` : ''}`,
      sections: dashboardView(stats, req.t),
      targets: targets.map((x) => targetView(x, req.t)),
      targetsCsvUrl: `${PAGE}?from=${period.fromDay}&to=${period.toDay}&format=csv&figure=targets`,
    });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    // A period that cannot be shown: the chooser again with what was typed and why, no figures.
    res.status(400).render('monitoring/dashboard', {
      ...base,
      period: { from: String(req.query.from ?? ''), to: String(req.query.to ?? ''), auto: true },
      periodError: req.t(err.key),
      errors: translateFields(req.t, err.fields) ?? {},
    });
  }
}

export function monitoringRoutes(deps: Deps): Router {
  const router = Router();
  // Every figure over up to five years is real work (about a second for a year of 500,000 posts, see
  // bench/stats.ts): a minute's worth per person, so reloading cannot keep the database busy.
  const limit = heavyReadRateLimit(deps, 'monitoring', 60);

  router.get(PAGE, requireLogin, limit, async (req, res) => {
    if (req.query.format !== 'csv') return renderDashboard(deps, req, res);
    const figure = String(req.query.figure ?? '');
    // Who may read and the period first (403, 400), then the figure asked for.
    const { period, stats } = await monitoring.networkStats(deps, actorOf(req), req.query);
    if (figure !== 'targets' && !(SECTIONS as readonly string[]).includes(figure))
      throw new ValidationError({ figure: { key: 'validation.stats_figure' } }, 'validation.stats_figure');
    const table =
      figure === 'targets'
        ? targetsTable(await monitoring.targetsProgress(deps, actorOf(req), period), req.t)
        : sectionTable(stats, figure as Section, req.t);
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="monitoraggio-${figure}-${period.fromDay}-${period.toDay}.csv"`)
      .send(tableCsv(table));
  });

  router.post(`${PAGE}/obiettivi`, requireLogin, async (req, res) => {
    await flashRefusal(req, async () => {
      const target = await monitoring.setTarget(deps, actorOf(req), req.body);
      flash(req, 'success', 'monitoring.targets.saved', { figure: req.t(`monitoring.figures.${target.figure}`) });
    });
    res.redirect(303, backTo(req.body?.back));
  });

  router.post(`${PAGE}/obiettivi/:id/elimina`, requireLogin, async (req, res) => {
    const target = await monitoring.removeTarget(deps, actorOf(req), routeId(req.params.id));
    flash(req, 'success', 'monitoring.targets.removed', { figure: req.t(`monitoring.figures.${target.figure}`) });
    res.redirect(303, backTo(req.body?.back));
  });

  return router;
}
