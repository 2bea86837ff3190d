// HTTP helpers shared by the booklet's routers: multipart forms carrying evidence, breadcrumbs.
import type { NextFunction, Request, Response } from 'express';
import type { Deps } from '../../core/deps.ts';
import { ValidationError } from '../../core/errors.ts';
import { uploadedFiles, uploadParser } from '../../core/uploads.ts';
import { MAX_EVIDENCE } from './booklet.schema.ts';

type WithUpload = Request & { uploadError?: ValidationError };

/** Parses a multipart form's files; a refused upload (too many, too large) becomes the form's error. */
export function acceptEvidence(deps: Deps) {
  const parse = uploadParser(deps.config, 'files', MAX_EVIDENCE);
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (err instanceof ValidationError) (req as WithUpload).uploadError = err;
      next(err instanceof ValidationError ? undefined : err);
    });
}

/** The files of a parsed form, or its upload's refusal. */
export function evidenceFiles(req: Request) {
  const error = (req as WithUpload).uploadError;
  if (error) throw error;
  return uploadedFiles(req);
}

export const bookletCrumbs = (req: Request, ...rest: { label: string; url?: string }[]) => [
  { label: req.t('booklet.title'), ...(rest.length ? { url: '/libretto' } : {}) },
  ...rest,
];

/** Who issues what the export carries: the platform, at its public address. */
export const issuerOf = (deps: Deps, req: Request) => ({ name: String(req.t('app.name')), url: deps.config.publicUrl });
