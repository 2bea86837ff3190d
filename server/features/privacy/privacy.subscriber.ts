// What a deleted account means for the rest of the platform: the activity feed forgets the person
// (their rows hidden, whichever rule kept or removed their posts). Idempotent.
import { hideActivitiesOfActor } from '../../../models/queries/privacy.ts';
import type { Deps } from '../../core/deps.ts';

export function registerPrivacySubscribers(deps: Deps): void {
  deps.bus.subscribe('user.deleted', (e) => hideActivitiesOfActor(deps.database.db, e.payload.userId));
}
