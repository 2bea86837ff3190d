// Course pages and API with autocannon: `node bench/courses.ts` (PGlite in memory) or
// `DATABASE_URL=postgres://… node bench/courses.ts`. The four shipped courses with the demo's
// learners; anonymous pages first, then a learner's own pages through the API with a token.
import path from 'node:path';
import { ROOT_DIR } from '../server/config.ts';
import { seedCourseDemo } from '../server/demo/seed-courses.ts';
import { toSessionUser, createToken } from '../server/features/accounts/accounts.service.ts';
import { importCourses } from '../server/features/courses/courses.import.ts';
import { findUserByEmail } from '../models/queries/users.ts';
import { benchRoutes, demoDeps } from './lib.ts';

const deps = await demoDeps();
await importCourses(deps, path.join(ROOT_DIR, 'courses'));
await seedCourseDemo(deps);
const slug = 'accoglienza-profilazione-cpi';
const [lesson] = await deps.database.query<{ slug: string }>(
  'SELECT l.slug FROM course_lessons l JOIN courses c ON c.id = l.course_id WHERE c.slug = $1 ORDER BY l.position LIMIT 1 OFFSET 3',
  [slug],
);
const [quiz] = await deps.database.query<{ slug: string }>(
  'SELECT q.slug FROM course_quizzes q JOIN courses c ON c.id = q.course_id WHERE c.slug = $1',
  [slug],
);
const learner = (await findUserByEmail(deps.database.db, 'laura.mannucci@cpi-firenze.example.org'))!;
const { token } = await createToken(deps, toSessionUser(learner), 'bench');
await benchRoutes(
  deps,
  [
    '/corsi',
    `/corsi/${slug}`,
    `/corsi/${slug}/lezioni/${lesson!.slug}`,
    `/corsi/${slug}/verifiche/${quiz!.slug}`,
    '/eventi',
    '/eventi.ics',
    '/api/v1/courses',
    `/api/v1/courses/${slug}`,
  ],
  '',
  {},
  false,
);
await benchRoutes(
  deps,
  [
    `/api/v1/courses/${slug}/progress`,
    `/api/v1/courses/${slug}/lessons/${lesson!.slug}`,
    `/api/v1/courses/${slug}/quizzes/${quiz!.slug}`,
  ],
  ' (learner, token)',
  { authorization: `Bearer ${token}` },
);
process.exit(0);
