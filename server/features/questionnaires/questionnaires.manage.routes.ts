// Animators' pages on questionnaires: writing one in the browser (its YAML document with a validation
// report listing each problem and its line), and a questionnaire's report with its CSV export.
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, flash, slugOf } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { formatProblem } from './questionnaires.files.ts';
import { anonymisedRows, questionnaireReport } from './questionnaires.report.service.ts';
import * as questionnaires from './questionnaires.service.ts';
import { responsesCsv } from './questionnaires.view.ts';
import { QUESTION_TYPES } from './questionnaires.schema.ts';
import {
  bandsText,
  editMetadata,
  editStructure,
  optionsText,
  structureOf,
  weightsText,
} from './questionnaires.structure.ts';
import { translateFields } from '../../core/i18n.ts';
import { ValidationError } from '../../core/errors.ts';
import { jsonForScript } from '../../core/text.ts';

export function questionnaireManageRoutes(deps: Deps): Router {
  const router = Router();
  const crumbs = (req: Request, ...rest: { label: string; url?: string }[]) => [
    { label: req.t('questionnaires.title'), url: '/questionari' },
    ...rest,
  ];

  const showEditor = async (req: Request, res: Response, slug?: string, err?: ValidationError) => {
    const doc = await questionnaires.editorDocument(deps, actorOf(req), slug);
    const title = doc.questionnaire
      ? req.t('questionnaires.editor.edit_title', { title: doc.questionnaire.title })
      : req.t('questionnaires.editor.new_title');
    const problems = err instanceof questionnaires.EditorProblems ? err.problems.map(formatProblem) : [];
    res.status(err ? 400 : 200).render('questionnaires/editor', {
      title,
      breadcrumbs: crumbs(
        req,
        ...(doc.questionnaire
          ? [{ label: doc.questionnaire.title, url: `/questionari/${doc.questionnaire.slug}` }]
          : []),
        { label: title },
      ),
      meta: { robots: 'noindex' },
      editing: Boolean(doc.questionnaire),
      action: doc.questionnaire ? `/questionari/${doc.questionnaire.slug}/modifica` : '/questionari/nuovo',
      values: err
        ? { slug: req.body?.slug, yaml: req.body?.yaml }
        : { slug: doc.questionnaire?.slug ?? '', yaml: doc.yaml },
      problems,
      slugError:
        err && !(err instanceof questionnaires.EditorProblems) && err.fields?.slug
          ? req.t(err.fields.slug.key)
          : undefined,
      csrf: csrfToken(req),
    });
  };

  const save = (existing: boolean) => async (req: Request, res: Response) => {
    const slug = existing ? slugOf(req) : undefined;
    try {
      const row = await questionnaires.saveFromEditor(deps, actorOf(req), req.body, slug);
      flash(req, 'success', 'questionnaires.flash.saved_definition');
      res.redirect(303, `/questionari/${row.slug}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await showEditor(req, res, slug, err);
    }
  };

  router.get('/questionari/nuovo', requireLogin, (req, res) => showEditor(req, res));
  router.post('/questionari/nuovo', requireLogin, save(false));
  router.get('/questionari/:slug/modifica', requireLogin, (req, res) => showEditor(req, res, slugOf(req)));
  router.post('/questionari/:slug/modifica', requireLogin, save(true));

  // The structured editor: metadata, dimensions, sections and questions, one item per form.
  const showStructure = async (req: Request, res: Response, err?: ValidationError) => {
    const { questionnaire: qn, groupSlug } = await structureOf(deps, actorOf(req), slugOf(req));
    const def = qn.definition;
    const title = req.t('questionnaires.structure.title', { title: qn.title });
    res.status(err ? 400 : 200).render('questionnaires/structure', {
      title,
      breadcrumbs: crumbs(
        req,
        { label: qn.title, url: `/questionari/${qn.slug}` },
        { label: req.t('questionnaires.structure.crumb') },
      ),
      meta: { robots: 'noindex' },
      questionnaire: qn,
      action: `/questionari/${qn.slug}/struttura`,
      metaValues: {
        group: groupSlug,
        title: qn.title,
        summary: qn.summary,
        intro: qn.intro,
        audience: qn.audience,
        subject: qn.subject,
        published: qn.status === 'published',
      },
      audiences: ['anyone', 'members', 'group'],
      subjects: ['person', 'organisation'],
      types: QUESTION_TYPES,
      problems: err
        ? Object.entries(translateFields(req.t, err.fields) ?? {}).map(([field, text]) =>
            field.includes('#') ? text : `«${field}»: ${text}`,
          )
        : [],
      dimensions: def.dimensions.map((d, i) => ({
        ...d,
        index: i,
        bandsText: bandsText(d),
        coursesText: d.courses.join(', '),
        themesText: d.themes.join(', '),
        competencesText: d.competences.join(', '),
      })),
      sections: def.sections.map((s, si) => ({
        ...s,
        index: si,
        first: si === 0,
        last: si === def.sections.length - 1,
        questions: s.questions.map((x, qi) => ({
          ...x,
          index: qi,
          section: si,
          first: qi === 0,
          last: qi === s.questions.length - 1,
          optionsText: optionsText(x),
          weightsText: weightsText(x),
          showIfQuestion: x.showIf?.question ?? '',
          showIfEquals: x.showIf?.equals ?? '',
        })),
      })),
      csrf: csrfToken(req),
    });
  };
  router.get('/questionari/:slug/struttura', requireLogin, (req, res) => showStructure(req, res));
  router.post('/questionari/:slug/struttura', requireLogin, async (req, res) => {
    try {
      await editStructure(deps, actorOf(req), slugOf(req), req.body);
      flash(req, 'success', 'questionnaires.flash.structure_saved');
      res.redirect(303, `/questionari/${slugOf(req)}/struttura`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await showStructure(req, res, err);
    }
  });
  router.post('/questionari/:slug/metadati', requireLogin, async (req, res) => {
    try {
      await editMetadata(deps, actorOf(req), slugOf(req), req.body);
      flash(req, 'success', 'questionnaires.flash.structure_saved');
      res.redirect(303, `/questionari/${slugOf(req)}/struttura`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await showStructure(req, res, err);
    }
  });

  router.get('/questionari/:slug/rapporto', requireLogin, async (req, res) => {
    const r = await questionnaireReport(deps, actorOf(req), slugOf(req));
    const qn = r.questionnaire;
    res.render('questionnaires/report', {
      title: req.t('questionnaires.report.title', { title: qn.title }),
      breadcrumbs: crumbs(
        req,
        { label: qn.title, url: `/questionari/${qn.slug}` },
        { label: req.t('questionnaires.report.crumb') },
      ),
      meta: { robots: 'noindex' },
      questionnaire: { slug: qn.slug, title: qn.title },
      report: r,
      breakdowns: r.breakdowns.map((b) => ({
        ...b,
        rows: b.rows.map((row) => ({ ...row, cells: qn.definition.dimensions.map((d) => row.means[d.key] ?? null) })),
      })),
      dimensionTitles: qn.definition.dimensions.map((d) => d.title),
      chart: jsonForScript({
        overTime: {
          labels: r.overTime.map((m) => m.month),
          data: r.overTime.map((m) => m.count),
          label: req.t('questionnaires.report.responses'),
        },
        dimensions: {
          labels: r.distributions.map((d) => d.title),
          data: r.distributions.map((d) => d.mean),
          label: req.t('questionnaires.report.mean'),
        },
      }),
    });
  });

  router.get('/questionari/:slug/rapporto.csv', requireLogin, async (req, res) => {
    const { questionnaire, rows } = await anonymisedRows(deps, actorOf(req), slugOf(req));
    res
      .type('text/csv; charset=utf-8')
      .attachment(`questionario-${questionnaire.slug}-risposte.csv`)
      .send(responsesCsv(rows));
  });

  return router;
}
