// The booklet's JSON API (/api/v1/booklet): the booklet, declared experiences (JSON with uploads'
// ids, or multipart with files), recognition requests and their steps, the portable export.
import { Router, type Request } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf, idOf } from '../../core/http.ts';
import { parseInput } from '../../core/validation.ts';
import { acceptEvidence, evidenceFiles, issuerOf } from './booklet.http.ts';
import * as experiences from './booklet.experiences.service.ts';
import { requestListQuery } from './booklet.schema.ts';
import * as booklet from './booklet.service.ts';
import * as validations from './booklet.validations.service.ts';
import { bookletExport, bookletJson, declaredJson, requestJson, stepJson } from './booklet.view.ts';

export function bookletApiRoutes(deps: Deps): Router {
  const router = Router();
  const api = '/api/v1/booklet';

  const requestOut = async (req: Request, id: number) => {
    const detail = await validations.requestDetail(deps, actorOf(req), id);
    return { ...requestJson(detail.request), steps: detail.steps.map(stepJson) };
  };

  router.get(api, requireAuth, async (req, res) => {
    res.json(bookletJson(await booklet.myBooklet(deps, actorOf(req))));
  });

  router.get(`${api}/export`, requireAuth, async (req, res) => {
    const b = await booklet.myBooklet(deps, actorOf(req));
    res.json(bookletExport(b, await booklet.credentialsOf(deps, actorOf(req)), issuerOf(deps, req)));
  });

  router.post(`${api}/experiences`, requireAuth, acceptEvidence(deps), async (req, res) => {
    const experience = await experiences.createExperience(deps, actorOf(req), req.body, evidenceFiles(req));
    res.status(201).json({ experience: declaredJson(experience) });
  });

  router.patch(`${api}/experiences/:id`, requireAuth, acceptEvidence(deps), async (req, res) => {
    const experience = await experiences.updateExperience(deps, actorOf(req), idOf(req), req.body, evidenceFiles(req));
    res.json({ experience: declaredJson(experience) });
  });

  router.delete(`${api}/experiences/:id`, requireAuth, async (req, res) => {
    await experiences.deleteExperience(deps, actorOf(req), idOf(req));
    res.status(204).end();
  });

  router.get(`${api}/validation-requests`, requireAuth, async (req, res) => {
    const { queue } = parseInput(requestListQuery, req.query);
    const rows = queue
      ? await validations.assessorQueue(deps, actorOf(req))
      : await validations.myRequests(deps, actorOf(req));
    res.json({ validationRequests: rows.map(requestJson) });
  });

  router.post(`${api}/validation-requests`, requireAuth, async (req, res) => {
    const row = await validations.requestValidation(deps, actorOf(req), req.body);
    res.status(201).json({ validationRequest: await requestOut(req, row.id) });
  });

  router.get(`${api}/validation-requests/:id`, requireAuth, async (req, res) => {
    res.json({ validationRequest: await requestOut(req, idOf(req)) });
  });

  router.post(`${api}/validation-requests/:id/decision`, requireAuth, async (req, res) => {
    const row = await validations.decide(deps, actorOf(req), idOf(req), req.body);
    res.json({ validationRequest: await requestOut(req, row.id) });
  });

  router.post(`${api}/validation-requests/:id/answer`, requireAuth, acceptEvidence(deps), async (req, res) => {
    const row = await validations.answer(deps, actorOf(req), idOf(req), req.body, evidenceFiles(req));
    res.json({ validationRequest: await requestOut(req, row.id) });
  });

  router.post(`${api}/validation-requests/:id/withdraw`, requireAuth, async (req, res) => {
    const row = await validations.withdraw(deps, actorOf(req), idOf(req));
    res.json({ validationRequest: await requestOut(req, row.id) });
  });

  return router;
}
