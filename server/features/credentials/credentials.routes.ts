// Credential pages: the public verification page (/credenziali/:id) with the administrators'
// revocation form, the person's credentials with the import of another instance's booklet export
// (/libretto/credenziali), and the platform's public keys (/.well-known/jwks.json).
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { ValidationError, type AppError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { uploadedFiles, uploadParser } from '../../core/uploads.ts';
import { importCredentials, myCredentials, type ImportResult } from './credentials.import.service.ts';
import { credentialPage, publishedKeys, revokeCredential } from './credentials.service.ts';
import { checksView, credentialFacts, firstFailure, refusalMessage } from './credentials.view.ts';

/** Anyone may read these from anywhere (a verifier in another site's browser, too). */
const publicJson = (res: Response, maxAge: number) =>
  res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': `public, max-age=${maxAge}` });

export function credentialRoutes(deps: Deps): Router {
  const router = Router();
  const bookletCrumbs = (req: Request) => [
    { label: req.t('credentials.booklet'), url: '/libretto' },
    { label: req.t('credentials.mine.title') },
  ];

  router.get('/.well-known/jwks.json', async (_req, res) => {
    // The keys first: a failure is an error page, never cached as the key set for five minutes.
    const body = JSON.stringify(await publishedKeys(deps));
    publicJson(res, 300).type('application/jwk-set+json').send(body);
  });

  const showCredential = async (req: Request, res: Response, err?: AppError) => {
    const page = await credentialPage(deps, actorOf(req), req.params.id);
    const facts = credentialFacts(page.verification.payload ?? page.row.credential);
    res.status(err?.status ?? 200).render('credentials/show', {
      title: req.t('credentials.show.title', { name: facts.name }),
      breadcrumbs: [{ label: req.t('credentials.show.crumb') }],
      // A person's credential is public to whoever has its address, not to search engines.
      meta: { robots: 'noindex', description: req.t('credentials.show.description') },
      facts,
      valid: page.verification.valid,
      checks: checksView(req.t, page.verification.checks),
      status: page.status,
      can: page.can,
      token: page.row.token,
      credentialId: page.row.id,
      apiUrl: `/api/v1/credentials/${page.row.id}`,
      ...(page.can.revoke ? { csrf: csrfToken(req), form: formState(req, err?.fields) } : {}),
    });
  };

  router.get('/credenziali/:id', (req, res) => showCredential(req, res));

  router.post(
    '/credenziali/:id/revoca',
    formPost(
      async (req, res) => {
        // Revoked meanwhile by another administrator: the page says so (its status), with a message.
        await flashRefusal(
          req,
          async () => {
            await revokeCredential(deps, actorOf(req), req.params.id, req.body);
            flash(req, 'success', 'credentials.revoke.done');
          },
          { statuses: [409], message: (err) => err.key },
        );
        res.redirect(303, `/credenziali/${encodeURIComponent(String(req.params.id))}`);
      },
      (req, res, err) => showCredential(req, res, err),
    ),
  );

  const showMine = async (req: Request, res: Response, extra: { results?: ImportResult[]; err?: AppError } = {}) => {
    const mine = await myCredentials(deps, actorOf(req));
    res.status(extra.err?.status ?? 200).render('credentials/mine', {
      title: req.t('credentials.mine.title'),
      breadcrumbs: bookletCrumbs(req),
      issued: mine.issued.map((c) => ({ ...c, url: `/credenziali/${c.id}` })),
      imported: mine.imported.map((c) => ({
        ...c,
        failure: firstFailure(c.checks),
        warning: c.subjectMatch === 'none',
      })),
      results: extra.results?.map((r) => ({
        ...r,
        checks: checksView(req.t, r.checks),
        failure: firstFailure(checksView(req.t, r.checks)),
        reason: refusalMessage(req.t, r),
      })),
      uploadAction: `/libretto/credenziali/importa?_csrf=${encodeURIComponent(csrfToken(req))}`,
      // The file is the form's one field: whatever in it was refused (a credential's token…) is said there.
      fileError:
        Object.values(formState(req, extra.err?.fields).errors)[0] ?? (extra.err ? req.t(extra.err.key) : null),
    });
  };

  router.get('/libretto/credenziali', requireLogin, (req, res) => showMine(req, res));

  router.post(
    '/libretto/credenziali/importa',
    requireLogin,
    uploadParser(deps.config, 'file', 1),
    formPost(
      async (req, res) => {
        const [file] = uploadedFiles(req);
        if (!file) throw new ValidationError({ file: { key: 'validation.credentials.import_file' } });
        let json: unknown;
        try {
          json = JSON.parse(file.buffer.toString('utf8'));
        } catch {
          throw new ValidationError({ file: { key: 'validation.credentials.import_json' } });
        }
        const results = await importCredentials(deps, actorOf(req), json);
        await showMine(req, res, { results });
      },
      (req, res, err) => showMine(req, res, { err }),
      // 409: the most imported credentials a person may keep, said on the form.
      [400, 409],
    ),
  );

  return router;
}
