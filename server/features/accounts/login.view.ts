// The sign-in page's view model, shared by the password form and the SPID/CIE sign-in (which shows
// its refusals on the same page).
import type { Request } from 'express';
import type { Config } from '../../config.ts';
import { safeReturnPath } from '../../core/auth.ts';
import type { AppError } from '../../core/errors.ts';
import { formState } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';

export function loginPage(req: Request, config: Config, err?: AppError) {
  const next = safeReturnPath(req.body?.next ?? req.query.next);
  return {
    title: req.t('login.title'),
    breadcrumbs: [{ label: req.t('login.title') }],
    csrf: csrfToken(req),
    next,
    // "Entra con SPID / CIE" only where a provider is configured.
    federatedLoginUrl: config.oidc
      ? `/accedi/spid${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`
      : undefined,
    ...formState(req, err?.fields),
    formError: err && !err.fields ? req.t(err.key) : undefined,
  };
}
