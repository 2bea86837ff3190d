// Issues credentials from the domain events that certify something: a course completed, a competence
// validated. Delivery is at least once; issuing is once (checked first, and unique indexes with
// ON CONFLICT DO NOTHING when two deliveries race).
import type { Deps } from '../../core/deps.ts';
import { issueCompetenceCredential, issueCourseCredential } from './credentials.service.ts';

export function registerCredentialSubscribers(deps: Deps): void {
  deps.bus.subscribe('course.completed', async (e) => {
    if (!e.payload.actorId) return;
    await issueCourseCredential(deps, {
      userId: e.payload.actorId,
      courseId: e.payload.objectId,
      occurredAt: e.occurredAt,
    });
  });
  deps.bus.subscribe('competence.validated', async (e) => {
    await issueCompetenceCredential(deps, {
      validationId: e.payload.validationId,
      level: e.payload.level,
      occurredAt: e.occurredAt,
    });
  });
}
