// The credentials JSON API (/api/v1/credentials): read a credential and its status, verify any
// credential, revoke (administrators), and the signed-in person's credentials with the import of
// another instance's booklet export. The pages are in credentials.routes.ts.
import { Router } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf } from '../../core/http.ts';
import { importCredentials, myCredentials } from './credentials.import.service.ts';
import { getCredential, getCredentialStatus, revokeCredential, verifyCredential } from './credentials.service.ts';
import { importResultsJson, verificationJson } from './credentials.view.ts';

export function credentialApiRoutes(deps: Deps): Router {
  const router = Router();
  const open = { 'Access-Control-Allow-Origin': '*' };

  router.get('/api/v1/credentials', requireAuth, async (req, res) => {
    const { issued, imported } = await myCredentials(deps, actorOf(req));
    res.json({
      issued: issued.map((c) => ({
        id: c.id,
        kind: c.kind,
        title: c.achievementTitle,
        issuedAt: c.issuedAt.toISOString(),
        revoked: Boolean(c.revokedAt),
        url: `/credenziali/${c.id}`,
      })),
      imported: imported.map((c) => ({
        id: c.credentialId,
        issuer: { id: c.issuerId, name: c.issuerName },
        title: c.achievementTitle,
        verified: c.verified,
        checks: c.checks,
        subject: { name: c.subjectName, match: c.subjectMatch },
        checkedAt: c.checkedAt.toISOString(),
      })),
    });
  });

  router.post('/api/v1/credentials/verify', async (req, res) => {
    res.json(verificationJson(req.t, await verifyCredential(deps, req.body)));
  });

  router.post('/api/v1/credentials/import', requireAuth, async (req, res) => {
    const results = await importCredentials(deps, actorOf(req), req.body);
    res.status(201).json({ results: importResultsJson(req.t, results) });
  });

  router.get('/api/v1/credentials/:id', async (req, res) => {
    res.set(open).json(await getCredential(deps, req.params.id));
  });

  router.get('/api/v1/credentials/:id/status', async (req, res) => {
    res.set({ ...open, 'Cache-Control': 'no-cache' }).json(await getCredentialStatus(deps, req.params.id));
  });

  router.post('/api/v1/credentials/:id/revoke', requireAuth, async (req, res) => {
    const { id, url, status } = await revokeCredential(deps, actorOf(req), req.params.id, req.body);
    res.json({ id, url, status });
  });

  return router;
}
