// The booklet listens to course completions: each becomes an entry of the learner's booklet.
import type { Deps } from '../../core/deps.ts';
import { recordCourseEntry } from './booklet.courses.service.ts';

export function registerBookletSubscribers(deps: Deps): void {
  // Delivered at least once: the entry is written the first time and found the next.
  deps.bus.subscribe('course.completed', async (e) => {
    if (e.payload.actorId) await recordCourseEntry(deps, e.payload.actorId, e.payload.objectId, e.occurredAt);
  });
}
