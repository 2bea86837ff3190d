// The features whose collectors make up the personal-data export (core/data-export.ts), wired once
// with the app (app.ts), as subscribers.ts wires subscribers. A feature that holds personal data adds
// its `<feature>.export.ts` here.
import './features/accounts/accounts.export.ts';
import './features/groups/groups.export.ts';
import './features/discussions/discussions.export.ts';
import './features/notifications/notifications.export.ts';
import './features/conversations/conversations.export.ts';
import './features/courses/courses.export.ts';
import './features/booklet/booklet.export.ts';
import './features/practices/practices.export.ts';
import './features/exchange/exchange.export.ts';
import './features/events/events.export.ts';
import './features/twinnings/twinnings.export.ts';
import './features/questionnaires/questionnaires.export.ts';
import './features/webhooks/webhooks.export.ts';
