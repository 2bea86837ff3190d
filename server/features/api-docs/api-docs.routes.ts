// The API's own description: the OpenAPI 3.1 document (/api/v1/openapi.json) and a readable page
// (/api/docs) listing every operation by tag, with how to authenticate.
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';
import { openApiDocument, errorStatuses, SESSION_COOKIE } from './openapi.ts';
import { OPERATIONS, TAGS, type Method } from './operations.ts';

const BADGES: Record<Method, string> = {
  get: 'bg-primary',
  post: 'bg-success',
  put: 'bg-warning text-dark',
  patch: 'bg-warning text-dark',
  delete: 'bg-danger',
};

const ERROR_SHAPE = '{"error":{"code","message","fields"?}}';

export function apiDocsRoutes(deps: Deps): Router {
  const router = Router();
  const base = deps.config.publicUrl;

  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument(deps.config));
  });

  router.get('/api/docs', (req, res) => {
    const tags = TAGS.map((tag) => ({
      id: tag,
      name: req.t(`apidocs.tags.${tag}.name`),
      description: req.t(`apidocs.tags.${tag}.description`),
      operations: OPERATIONS.filter((op) => op.tag === tag).map((op) => ({
        id: op.id,
        method: op.method.toUpperCase(),
        badge: BADGES[op.method],
        path: op.path,
        summary: req.t(`apidocs.ops.${op.id}`),
        auth: req.t(`apidocs.auth.${op.auth}`),
      })),
    })).filter((tag) => tag.operations.length > 0);
    const statuses = [...new Set(OPERATIONS.flatMap(errorStatuses))].sort((a, b) => a - b);
    const credentials = JSON.stringify({
      email: req.t('apidocs.curl.email'),
      password: req.t('apidocs.curl.password'),
    });
    res.render('api-docs/index', {
      title: req.t('apidocs.title'),
      breadcrumbs: [{ label: req.t('apidocs.title') }],
      baseUrl: base,
      curlToken: `curl -X POST ${base}/api/v1/auth/token \\\n  -H 'content-type: application/json' \\\n  -d '${credentials}'`,
      curlUse: `curl ${base}/api/v1/me \\\n  -H 'Authorization: Bearer ${req.t('apidocs.curl.token')}'`,
      cookieName: SESSION_COOKIE,
      csrfHeader: 'x-csrf-token',
      errorShape: ERROR_SHAPE,
      errors: statuses.map((status) => ({ status, text: req.t(`apidocs.errors.${status}`) })),
      operationCount: OPERATIONS.length,
      tags,
    });
  });

  return router;
}
