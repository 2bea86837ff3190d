// Articles' pages: /notizie and its sections (with their RSS feeds), an article, writing and
// editing (forms that carry files), the edit history. The /api/v1 articles resource is in
// articles.api.routes.ts.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, ValidationError } from '../../core/errors.ts';
import { actorOf, flash, formPost, formState, slugOf } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { uploadedFiles, uploadParser } from '../../core/uploads.ts';
import { uploadAttachment } from '../attachments/attachments.service.ts';
import { sectionPage, readArticle } from './articles.read.service.ts';
import * as articles from './articles.service.ts';
import { ARTICLE_KINDS, ARTICLE_THEMES, type ArticleKind } from './articles.schema.ts';
import { articleCardView, SECTION_PATHS } from './articles.view.ts';
import {
  ARTICLE_FORM_MAX_FIELDS,
  articleFeed,
  editFormContext,
  formBodyOf,
  formInputOf,
  sectionLinks,
} from './articles.pages.ts';

type WithUpload = Request & { uploadError?: ValidationError };

/** The parser's refusal of a form with more fields than ARTICLE_FORM_MAX_FIELDS. */
const TOO_MANY_FIELDS = 'attachments.too_many_fields';

/** The sections with their own page and feed: every kind but news, which /notizie lists with the rest. */
const SECTIONS: { kind: ArticleKind | undefined; path: string; key: string }[] = [
  { kind: undefined, path: '/notizie', key: 'all' },
  { kind: 'press', path: SECTION_PATHS.press, key: 'press' },
  { kind: 'law', path: SECTION_PATHS.law, key: 'law' },
  { kind: 'document', path: SECTION_PATHS.document, key: 'document' },
];

export function articleRoutes(deps: Deps): Router {
  const router = Router();

  // --- Sections and their feeds --------------------------------------------------------------
  for (const section of SECTIONS) {
    router.get(section.path, async (req, res) => {
      const page = await sectionPage(deps, actorOf(req), section.kind, req.query);
      const title = req.t(`articles.sections.${section.key}.title`);
      const feedTitle = req.t('articles.feed.title', { section: title });
      res.render('articles/index', {
        title,
        breadcrumbs: section.kind
          ? [{ label: req.t('articles.sections.all.title'), url: '/notizie' }, { label: title }]
          : [{ label: title }],
        intro: req.t(`articles.sections.${section.key}.intro`),
        feeds: [{ type: 'application/rss+xml', title: feedTitle, href: `${section.path}/feed.xml` }],
        feedUrl: `${section.path}/feed.xml`,
        tabs: SECTIONS.map((s) => ({
          ...s,
          label: `articles.sections.${s.key}.tab`,
          current: s.path === section.path,
        })),
        allKinds: !section.kind,
        kinds: ARTICLE_KINDS,
        themes: ARTICLE_THEMES,
        years: page.years,
        filter: page.query,
        items: page.items.map(articleCardView),
        unpublished: page.unpublished.map(articleCardView),
        links: sectionLinks(section.path, page),
        can: page.can,
      });
    });

    router.get(`${section.path}/feed.xml`, async (req, res) => {
      const { contentType, xml } = await articleFeed(deps, req, section.kind, section.path, section.key);
      res.set('Content-Type', contentType).send(xml);
    });
  }

  // --- Writing ----------------------------------------------------------------------------
  /** Forms carry files (multipart, "files"): a bad upload becomes a field error on the form. */
  const parseFiles = uploadParser(deps.config, 'files', articles.MAX_ARTICLE_FILES, {
    maxFields: ARTICLE_FORM_MAX_FIELDS,
  });
  const acceptFiles = (req: Request, res: Response, next: NextFunction) =>
    parseFiles(req, res, (err?: unknown) => {
      if (err instanceof ValidationError) (req as WithUpload).uploadError = err;
      next(err instanceof ValidationError ? undefined : err);
    });
  /** Who may not write (or not edit this article) is refused before any upload is read. */
  const mayWrite = async (req: Request, _res: Response, next: NextFunction) => {
    try {
      if (req.params.slug) await articles.editableArticle(deps, actorOf(req), slugOf(req));
      else articles.assertCanWrite(actorOf(req));
      next();
    } catch (err) {
      next(err);
    }
  };
  /** Stores the request's files; the body goes on with their ids added to attachmentIds. */
  const withUploads = async (req: Request): Promise<Record<string, unknown>> => {
    const error = (req as WithUpload).uploadError;
    if (error) throw error;
    const ids: number[] = [];
    for (const file of uploadedFiles(req)) ids.push((await uploadAttachment(deps, actorOf(req), file, 'files')).id);
    const input = formInputOf(req.body ?? {});
    const attachmentIds = [...input.attachmentIds, ...ids];
    // A refused form keeps the files already stored, so they are not asked for again.
    req.body = { ...req.body, attachmentIds };
    return { ...input, attachmentIds };
  };

  const renderForm = async (req: Request, res: Response, err?: AppError) => {
    const editing = req.params.slug ? await articles.editableArticle(deps, actorOf(req), slugOf(req)) : undefined;
    if (!editing) articles.assertCanWrite(actorOf(req));
    // A form cut short by the parser's field limit came back half read: show the stored article
    // (or an empty form) with the message, not a half that would save other values.
    const cutShort = err?.key === TOO_MANY_FIELDS;
    if (cutShort && !editing) req.body = {};
    if ((!err || cutShort) && editing)
      req.body = formBodyOf(await articles.articleFormValues(deps.database.db, editing.article));
    const title = editing ? req.t('articles.edit_title') : req.t('articles.new_title');
    res.status(err?.status ?? 200).render('articles/form', {
      title,
      breadcrumbs: [
        { label: req.t('articles.sections.all.title'), url: '/notizie' },
        ...(editing ? [{ label: editing.article.title, url: `/notizie/${editing.article.slug}` }] : []),
        { label: title },
      ],
      action: editing ? `/notizie/${editing.article.slug}/modifica` : '/notizie',
      article: editing?.article,
      csrf: csrfToken(req),
      ...(await editFormContext(deps, req, editing?.article, formState(req, err?.fields))),
      // A refusal of the whole form (not of its fields) says so at the top.
      formError: err && (err.status !== 400 || err.key !== 'errors.validation') ? req.t(err.key) : undefined,
    });
  };

  router.get('/notizie/nuova', requireLogin, (req, res) => renderForm(req, res));

  router.post(
    '/notizie',
    requireLogin,
    mayWrite,
    acceptFiles,
    formPost(async (req, res) => {
      const article = await articles.createArticle(deps, actorOf(req), await withUploads(req));
      flash(req, 'success', `articles.flash.created_${article.status}`);
      res.redirect(303, `/notizie/${article.slug}`);
    }, renderForm),
  );

  router.get('/notizie/:slug/modifica', requireLogin, (req, res) => renderForm(req, res));

  router.post(
    '/notizie/:slug/modifica',
    requireLogin,
    mayWrite,
    acceptFiles,
    formPost(async (req, res) => {
      const { article, changed } = await articles.editArticle(deps, actorOf(req), slugOf(req), await withUploads(req));
      flash(
        req,
        changed ? 'success' : 'info',
        changed ? `articles.flash.saved_${article.status}` : 'articles.flash.unchanged',
      );
      res.redirect(303, `/notizie/${article.slug}`);
    }, renderForm),
  );

  router.get('/notizie/:slug/cronologia', requireLogin, async (req, res) => {
    const { article, revisions } = await articles.articleHistory(deps, actorOf(req), slugOf(req));
    res.render('articles/history', {
      title: req.t('articles.history.title'),
      breadcrumbs: [
        { label: req.t('articles.sections.all.title'), url: '/notizie' },
        { label: article.title, url: `/notizie/${article.slug}` },
        { label: req.t('articles.history.title') },
      ],
      article,
      revisions: revisions.map((r) => ({ ...r, editorName: r.editorName ?? req.t('articles.history.unknown') })),
    });
  });

  // --- Reading ----------------------------------------------------------------------------
  router.get('/notizie/:slug', async (req, res) => {
    const view = await readArticle(deps, actorOf(req), slugOf(req));
    const { article } = view;
    const section = SECTIONS.find((s) => s.kind === article.kind);
    res.render('articles/show', {
      title: article.title,
      breadcrumbs: [
        { label: req.t('articles.sections.all.title'), url: '/notizie' },
        ...(section ? [{ label: req.t(`articles.sections.${section.key}.title`), url: section.path }] : []),
        { label: article.title },
      ],
      ...view,
      card: articleCardView({ ...article, tags: view.tags }),
      related: view.related.map(articleCardView),
    });
  });

  return router;
}
