// The /api/v1 practices resource: register a draft, read and edit a practice, and its lifecycle
// (submit, validate with the protocol, publish, archive). Files go up first through
// POST /api/v1/attachments; a practice names them in attachmentIds or in its kit items.
// (GET /api/v1/practices, the published catalogue, is the catalogue's route.)
import { Router, type Request } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, slugOf } from '../../core/http.ts';
import { archivePractice, publishPractice, submitPractice, validatePractice } from './practices.lifecycle.service.ts';
import { readPractice } from './practices.read.service.ts';
import { createPractice, editPractice, stillReadable } from './practices.service.ts';
import { practiceBriefJson, practiceJson, validationJson } from './practices.view.ts';

export function practiceApiRoutes(deps: Deps): Router {
  const router = Router();
  const present = async (req: Request, slug: string) => practiceJson(await readPractice(deps, actorOf(req), slug));

  router.post('/api/v1/practices', requireAuth, async (req, res) => {
    const practice = await createPractice(deps, actorOf(req), req.body);
    res
      .status(201)
      .location(`/api/v1/practices/${practice.slug}`)
      .json({ practice: await present(req, practice.slug) });
  });

  router.get('/api/v1/practices/:slug', async (req, res) => {
    res.json({ practice: await present(req, slugOf(req)) });
  });

  router.patch('/api/v1/practices/:slug', requireAuth, async (req, res) => {
    const { practice } = await editPractice(deps, actorOf(req), slugOf(req), req.body);
    // A co-author who took themselves off a draft reads it no longer: the change is saved all the
    // same, and they are told what became of it (never a 404 for a write that succeeded).
    const readable = await stillReadable(deps, actorOf(req), practice.slug);
    res.json({ practice: readable ? await present(req, practice.slug) : practiceBriefJson(practice) });
  });

  router.post('/api/v1/practices/:slug/validate', requireAuth, async (req, res) => {
    const { practice, validation } = await validatePractice(deps, actorOf(req), slugOf(req), req.body);
    // Sent back, it is its authors' draft again: the validator no longer reads it, only its new status.
    const shown = validation.decision === 'returned' ? practiceBriefJson(practice) : await present(req, practice.slug);
    res.json({ practice: shown, validation: validationJson(validation) });
  });

  const steps = { submit: submitPractice, publish: publishPractice, archive: archivePractice } as const;
  for (const [path, step] of Object.entries(steps)) {
    router.post(`/api/v1/practices/:slug/${path}`, requireAuth, async (req, res) => {
      const { practice } = await step(deps, actorOf(req), slugOf(req), req.body ?? {});
      res.json({ practice: await present(req, practice.slug) });
    });
  }

  return router;
}
