// Registering and editing a practice in the browser: /buone-pratiche/nuova and
// /buone-pratiche/:slug/modifica. The forms carry files (multipart, "files"); a refused form comes
// back with its errors and what was typed, the files already stored kept.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, ValidationError } from '../../core/errors.ts';
import { actorOf, flash, formPost, formState, slugOf } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { uploadedFiles, uploadParser } from '../../core/uploads.ts';
import { uploadAttachment } from '../attachments/attachments.service.ts';
import { formBodyOf, formContext, formInputOf, PRACTICE_FORM_MAX_FIELDS } from './practices.forms.ts';
import { practiceAttachmentViews } from './practices.read.service.ts';
import { MAX_PRACTICE_FILES } from './practices.schema.ts';
import * as practices from './practices.service.ts';
import { practicePath } from './practices.view.ts';

type WithUpload = Request & { uploadError?: ValidationError };
const TOO_MANY_FIELDS = 'attachments.too_many_fields';

export function practiceFormRoutes(deps: Deps): Router {
  const router = Router();

  const parseFiles = uploadParser(deps.config, 'files', MAX_PRACTICE_FILES, { maxFields: PRACTICE_FORM_MAX_FIELDS });
  const acceptFiles = (req: Request, res: Response, next: NextFunction) =>
    parseFiles(req, res, (err?: unknown) => {
      if (err instanceof ValidationError) (req as WithUpload).uploadError = err;
      next(err instanceof ValidationError ? undefined : err);
    });
  /** Who may not write (or not edit this practice) is refused before any upload is read. */
  const mayWrite = async (req: Request, _res: Response, next: NextFunction) => {
    try {
      if (req.params.slug) await practices.editablePractice(deps, actorOf(req), slugOf(req));
      else practices.assertCanCreate(actorOf(req));
      next();
    } catch (err) {
      next(err);
    }
  };
  /** Stores the request's files; the input goes on with their ids added to attachmentIds. */
  const withUploads = async (req: Request): Promise<Record<string, unknown>> => {
    const error = (req as WithUpload).uploadError;
    if (error) throw error;
    const ids: string[] = [];
    for (const file of uploadedFiles(req))
      ids.push(String((await uploadAttachment(deps, actorOf(req), file, 'files')).id));
    const input = formInputOf(req.body ?? {});
    const attachmentIds = [...input.attachmentIds, ...ids];
    // A refused form keeps the files already stored, so they are not asked for again.
    req.body = { ...req.body, attachmentIds };
    return { ...input, attachmentIds };
  };

  const renderForm = async (req: Request, res: Response, err?: AppError) => {
    const editing = req.params.slug ? await practices.editablePractice(deps, actorOf(req), slugOf(req)) : undefined;
    if (!editing) practices.assertCanCreate(actorOf(req));
    const cutShort = err?.key === TOO_MANY_FIELDS;
    if (cutShort && !editing) req.body = {};
    if ((!err || cutShort) && editing)
      req.body = formBodyOf(await practices.practiceFormValues(deps.database.db, editing.practice));
    if (!err && !editing) req.body = { organization: (await practices.ownOrganizationSlug(deps, actorOf(req))) ?? '' };
    const p = editing?.practice;
    const title = p ? req.t('practices.edit_title') : req.t('practices.new_title');
    const files = p ? await practiceAttachmentViews(deps, p.id) : [];
    res.status(err?.status ?? 200).render('practices/form', {
      title,
      breadcrumbs: [
        { label: req.t('practices.title'), url: '/buone-pratiche' },
        ...(p ? [{ label: p.title, url: practicePath(p.slug) }] : []),
        { label: title },
      ],
      action: p ? `${practicePath(p.slug)}/modifica` : '/buone-pratiche/nuova',
      cancelUrl: p ? practicePath(p.slug) : '/buone-pratiche/mie',
      practice: p,
      published: p?.status === 'published',
      csrf: csrfToken(req),
      ...(await formContext(deps, req, formState(req, err?.fields), files, p?.organizationId)),
      formError: err && (err.status !== 400 || err.key !== 'errors.validation') ? req.t(err.key) : undefined,
    });
  };

  router.get('/buone-pratiche/nuova', requireLogin, (req, res) => renderForm(req, res));

  router.post(
    '/buone-pratiche/nuova',
    requireLogin,
    mayWrite,
    acceptFiles,
    formPost(
      async (req, res) => {
        const practice = await practices.createPractice(deps, actorOf(req), await withUploads(req));
        flash(req, 'success', 'practices.flash.created');
        res.redirect(303, practicePath(practice.slug));
      },
      renderForm,
      [400, 403],
    ),
  );

  router.get('/buone-pratiche/:slug/modifica', requireLogin, (req, res) => renderForm(req, res));

  router.post(
    '/buone-pratiche/:slug/modifica',
    requireLogin,
    mayWrite,
    acceptFiles,
    formPost(
      async (req, res) => {
        const { practice, changed } = await practices.editPractice(
          deps,
          actorOf(req),
          slugOf(req),
          await withUploads(req),
        );
        // A co-author who took themselves off a draft reads it no longer: back to their practices.
        if (!(await practices.stillReadable(deps, actorOf(req), practice.slug))) {
          flash(req, 'info', 'practices.flash.left', { title: practice.title });
          return res.redirect(303, '/buone-pratiche/mie');
        }
        const key = !changed ? 'unchanged' : practice.status === 'published' ? 'new_version' : 'saved';
        flash(req, changed ? 'success' : 'info', `practices.flash.${key}`, { version: practice.version });
        res.redirect(303, practicePath(practice.slug));
      },
      renderForm,
      [400, 403],
    ),
  );

  return router;
}
