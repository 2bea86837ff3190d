// /admin/competenze: admins import a JSON or CSV file into the repertory. The upload is always
// checked first (a dry run listing each code as new, updated or unchanged, or the problems with
// their lines); the preview then offers to apply the same file, whose text it carries.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, formPost } from '../../core/http.ts';
import { translateFields } from '../../core/i18n.ts';
import { csrfToken } from '../../core/security.ts';
import { uploadedFiles, uploadParser } from '../../core/uploads.ts';
import * as importer from './competences.import.service.ts';
import { CSV_COLUMNS, IMPORT_MAX_BYTES } from './competences.schema.ts';
import { planView } from './competences.view.ts';

const PAGE = '/admin/competenze';

export function competenceAdminRoutes(deps: Deps): Router {
  const router = Router();
  /** Who may not import is refused before any upload is read. */
  const mayImport = (req: Request, _res: Response, next: NextFunction) => {
    try {
      importer.assertCanImport(actorOf(req));
      next();
    } catch (err) {
      next(err);
    }
  };

  const render = (req: Request, res: Response, locals: Record<string, unknown> = {}, status = 200) => {
    const title = req.t('competences.admin.title');
    res.status(status).render('competences/admin', {
      title,
      breadcrumbs: [{ label: req.t('admin.title'), url: '/admin' }, { label: title }],
      columns: CSV_COLUMNS,
      maxKb: Math.round(IMPORT_MAX_BYTES / 1000),
      csrf: csrfToken(req),
      ...locals,
    });
  };
  /** A refused file: the problems, each naming its line and field, and nothing changed. */
  const showProblems = (req: Request, res: Response, err: AppError) =>
    render(req, res, { problems: translateFields(req.t, err.fields) ?? {}, problemsTitle: req.t(err.key) }, err.status);

  router.get(PAGE, requireLogin, mayImport, (req, res) => render(req, res));

  router.post(
    `${PAGE}/anteprima`,
    requireLogin,
    mayImport,
    uploadParser(deps.config, 'file', 1),
    formPost(async (req, res) => {
      const file = uploadedFiles(req)[0];
      const input = { filename: file?.originalname, content: file?.buffer };
      const { plan, file: apply } = await importer.previewRepertoryImport(deps, actorOf(req), input);
      render(req, res, { plan: planView(plan), apply });
    }, showProblems),
  );

  router.post(
    `${PAGE}/applica`,
    requireLogin,
    mayImport,
    formPost(async (req, res) => {
      const plan = await importer.applyRepertoryImport(deps, actorOf(req), req.body);
      flash(req, 'success', 'competences.admin.applied', plan.counts);
      res.redirect(303, PAGE);
    }, showProblems),
  );

  return router;
}
