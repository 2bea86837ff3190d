// The questionnaire pages (/questionari): the catalogue, a questionnaire's introduction, one page per
// section with its progress bar (save and resume, conditions decided here), submission and the
// result. Editing and reports: questionnaires.manage.routes.ts; plans: questionnaires.plans.routes.ts.
import { Router, type Request, type Response } from 'express';
import type { Deps } from '../../core/deps.ts';
import { translateFields } from '../../core/i18n.ts';
import { actorOf, flash, idOf, slugOf } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import * as questionnaires from './questionnaires.service.ts';
import {
  AnswerErrors,
  resultUrl,
  responseResult,
  saveAnswers,
  sectionPage,
  type Respondent,
} from './questionnaires.taking.service.ts';
import { chartData, questionnaireCard, questionView } from './questionnaires.view.ts';
import { jsonForScript } from '../../core/text.ts';

/** Who answers: the signed-in person, or the anonymous tokens this session began. */
export const respondentOf = (req: Request): Respondent => ({
  actor: actorOf(req),
  tokens: req.session?.questionnaireTokens ?? [],
});

/** Keeps an anonymous draft's token in the session (its owner's key to it and to its result). */
export function keepToken(req: Request, token: string | null): void {
  if (!token || !req.session) return;
  req.session.questionnaireTokens = [...(req.session.questionnaireTokens ?? []), token].slice(-20);
}

const sectionParam = (req: Request) => {
  const n = Number(req.params.n);
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n - 1 : -1;
};

export function questionnaireRoutes(deps: Deps): Router {
  const router = Router();
  const crumbs = (req: Request, ...rest: { label: string; url?: string }[]) => [
    { label: req.t('questionnaires.title'), ...(rest.length ? { url: '/questionari' } : {}) },
    ...rest,
  ];

  router.get('/questionari', async (req, res) => {
    const { questionnaires: rows, can } = await questionnaires.catalogue(deps, actorOf(req));
    res.render('questionnaires/index', {
      title: req.t('questionnaires.title'),
      breadcrumbs: crumbs(req),
      meta: { description: req.t('questionnaires.intro') },
      questionnaires: rows.map(questionnaireCard),
      can,
      signedIn: Boolean(req.user),
    });
  });

  router.get('/questionari/:slug', async (req, res) => {
    const d = await questionnaires.questionnaireDetail(deps, actorOf(req), slugOf(req), respondentOf(req).tokens);
    const qn = d.questionnaire;
    res.render('questionnaires/show', {
      title: qn.title,
      breadcrumbs: crumbs(req, { label: qn.title }),
      meta: { description: qn.summary },
      questionnaire: {
        ...questionnaireCard(qn),
        introHtml: qn.introHtml,
        sections: qn.definition.sections.map((s) => s.title),
      },
      dimensions: qn.definition.dimensions,
      group: d.group,
      myGroups: d.myGroups,
      draft: d.draft,
      past: d.past.map((r) => ({ id: r.id, submittedAt: r.submittedAt, url: resultUrl(qn.slug, r.id) })),
      can: d.can,
      csrf: req.user ? csrfToken(req) : undefined,
    });
  });

  const showSection = async (req: Request, res: Response, index: number, errors?: AnswerErrors, group?: string) => {
    const page = await sectionPage(deps, respondentOf(req), slugOf(req), index);
    const qn = page.questionnaire;
    const messages = (translateFields(req.t, errors?.fields) ?? {}) as Record<string, string>;
    res.status(errors ? 400 : 200).render('questionnaires/section', {
      title: `${qn.title}: ${page.section.title}`,
      breadcrumbs: crumbs(req, { label: qn.title, url: `/questionari/${qn.slug}` }, { label: page.section.title }),
      meta: { robots: 'noindex' },
      questionnaire: { slug: qn.slug, title: qn.title },
      section: page.section,
      questions: page.section.questions.map((x) => questionView(x, page.answers, page.visible, messages)),
      errorList: Object.entries(messages).map(([id, text]) => ({ id, text })),
      number: index + 1,
      total: page.total,
      percent: Math.round((100 * index) / page.total),
      first: index === 0,
      last: index === page.total - 1,
      action: `/questionari/${qn.slug}/sezioni/${index + 1}`,
      // About a group: the group chosen on the introduction travels with the first save.
      group: group ?? (typeof req.body?._group === 'string' ? req.body._group : undefined),
      groupError: errors?.fields?.group ? req.t(errors.fields.group.key) : undefined,
      csrf: csrfToken(req),
    });
  };

  router.get('/questionari/:slug/sezioni/:n', async (req, res) => {
    const index = sectionParam(req);
    if (index < 0) return res.redirect(303, `/questionari/${slugOf(req)}`);
    await showSection(req, res, index, undefined, typeof req.query.gruppo === 'string' ? req.query.gruppo : undefined);
  });

  // A section's answers are saved whatever the button: "Avanti" and "Invia" also check them, "Indietro"
  // and "Salva ed esci" keep them as they are.
  router.post('/questionari/:slug/sezioni/:n', async (req, res) => {
    const index = sectionParam(req);
    const slug = slugOf(req);
    if (index < 0) return res.redirect(303, `/questionari/${slug}`);
    const go = String(req.body?._go ?? 'next');
    const answers = Object.fromEntries(Object.entries(req.body ?? {}).filter(([k]) => !k.startsWith('_')));
    const checks = go === 'next' || go === 'submit';
    try {
      const group = typeof req.body?._group === 'string' && req.body._group ? { group: req.body._group as string } : {};
      const saved = await saveAnswers(deps, respondentOf(req), slug, answers, {
        ...group,
        submit: false,
        section: index,
        pruneHidden: true,
      });
      keepToken(req, saved.newToken);
    } catch (err) {
      if (!(err instanceof AnswerErrors)) throw err;
      keepToken(req, err.newToken);
      if (checks) return showSection(req, res, index, err);
    }
    if (go === 'back') return res.redirect(303, `/questionari/${slug}/sezioni/${Math.max(1, index)}`);
    if (go === 'later') {
      flash(req, 'success', 'questionnaires.flash.saved');
      return res.redirect(303, `/questionari/${slug}`);
    }
    if (go !== 'submit') return res.redirect(303, `/questionari/${slug}/sezioni/${index + 2}`);
    try {
      const done = await saveAnswers(deps, respondentOf(req), slug, {}, { submit: true, pruneHidden: true });
      flash(req, 'success', 'questionnaires.flash.submitted');
      res.redirect(303, resultUrl(slug, done.response.id));
    } catch (err) {
      if (!(err instanceof AnswerErrors)) throw err;
      // The first page with a problem is shown again with its messages.
      const page = await sectionPage(deps, respondentOf(req), slug, 0);
      const first = page.questionnaire.definition.sections.findIndex((s) =>
        s.questions.some((x) => err.fields?.[x.id]),
      );
      await showSection(req, res, Math.max(0, first), err);
    }
  });

  router.get('/questionari/:slug/risultati/:id', async (req, res) => {
    const r = await responseResult(deps, respondentOf(req), idOf(req));
    const qn = r.questionnaire;
    if (qn.slug !== slugOf(req)) return res.redirect(301, resultUrl(qn.slug, r.response.id));
    res.render('questionnaires/result', {
      title: req.t('questionnaires.result.title', { title: qn.title }),
      breadcrumbs: crumbs(
        req,
        { label: qn.title, url: `/questionari/${qn.slug}` },
        { label: req.t('questionnaires.result.crumb') },
      ),
      meta: { robots: 'noindex' },
      questionnaire: { slug: qn.slug, title: qn.title, subject: qn.subject },
      response: r.response,
      dimensions: r.dimensions.map((d) => ({
        ...d,
        hasSuggestions: d.courses.length + d.themes.length + d.competences.length > 0,
      })),
      previous: r.previous ? { ...r.previous, url: resultUrl(qn.slug, r.previous.id) } : null,
      others: r.others,
      showAverage: r.showAverage,
      minGroupSize: 5,
      chart: jsonForScript(chartData(r.dimensions, req.t, r.showAverage)),
      can: r.can,
      csrf: req.user ? csrfToken(req) : undefined,
    });
  });

  return router;
}
