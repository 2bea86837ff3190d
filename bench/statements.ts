// SQL statements per page on the demo content, anonymous and signed in, as the X-SQL-Statements
// header reports them (core/http.ts countStatements): `node bench/statements.ts` (PGlite in memory)
// or `DATABASE_URL=postgres://… node bench/statements.ts` (that database is wiped). Each page is
// loaded once to warm the process's caches, then counted. Issue 17's budget is 6 per page.
import path from 'node:path';
import request from 'supertest';
import { ROOT_DIR } from '../server/config.ts';
import { createApp } from '../server/app.ts';
import { STATEMENTS_HEADER } from '../server/core/http.ts';
import { demoContent } from '../server/demo/data.ts';
import { DEMO_PASSWORD } from '../server/demo/seed.ts';
import { seedBookletDemo } from '../server/demo/seed-booklet.ts';
import { seedCourseDemo } from '../server/demo/seed-courses.ts';
import { seedQuestionnaireDemo } from '../server/demo/seed-questionnaires.ts';
import { importCourses } from '../server/features/courses/courses.import.ts';
import { demoDeps } from './lib.ts';

const BUDGET = 6;
const MEMBER = demoContent.members.find((m) => m.key === 'laura.mannucci')!;

const deps = await demoDeps();
await importCourses(deps, path.join(ROOT_DIR, 'courses'));
// As server/main.ts does on a first start with the demo content.
await seedQuestionnaireDemo(deps);
await seedCourseDemo(deps);
await seedBookletDemo(deps);
const one = async (sql: string, params: unknown[] = []) => {
  const [row] = await deps.database.query<{ v: string | number }>(sql, params);
  if (!row) throw new Error(`nothing for ${sql}`);
  return String(row.v);
};
const group = await one(`SELECT slug AS v FROM groups WHERE visibility = 'public' ORDER BY id LIMIT 1`);
const thread = await one(
  `SELECT t.id AS v FROM threads t JOIN groups g ON g.id = t.group_id
    WHERE g.visibility = 'public' ORDER BY t.post_count DESC, t.id LIMIT 1`,
);
const course = await one(
  `SELECT c.slug AS v FROM courses c JOIN course_enrolments e ON e.course_id = c.id JOIN users u ON u.id = e.user_id
    WHERE u.email = $1 AND e.status = 'active' ORDER BY c.id LIMIT 1`,
  [MEMBER.email],
);
const lesson = await one(
  `SELECT l.slug AS v FROM course_lessons l JOIN courses c ON c.id = l.course_id WHERE c.slug = $1 ORDER BY l.id LIMIT 1`,
  [course],
);
const practice = await one(`SELECT slug AS v FROM practices WHERE status = 'published' ORDER BY id LIMIT 1`);
const theme = await one(`SELECT theme AS v FROM practices WHERE status = 'published' ORDER BY id LIMIT 1`);
const article = await one(`SELECT slug AS v FROM articles WHERE status = 'published' ORDER BY id LIMIT 1`);
const member = await one(`SELECT id AS v FROM users ORDER BY id LIMIT 1`);
const organization = await one(`SELECT slug AS v FROM organizations ORDER BY id LIMIT 1`);
const questionnaire = await one(
  `SELECT slug AS v FROM questionnaires WHERE status = 'published' AND group_id IS NULL ORDER BY id LIMIT 1`,
);
const entry = await one(
  `SELECT id AS v FROM exchange_posts WHERE closed_at IS NULL AND expires_at > now() ORDER BY id LIMIT 1`,
);
const twinning = await one(`SELECT slug AS v FROM twinnings WHERE status <> 'proposed' ORDER BY id LIMIT 1`);
const event = await one(
  `SELECT id AS v FROM calendar_events WHERE cancelled_at IS NULL AND course_id IS NULL AND group_id IS NULL
    ORDER BY starts_at DESC, id LIMIT 1`,
);
const pages = [
  '/',
  '/gruppi',
  `/gruppi/${group}`,
  `/discussioni/${thread}`,
  '/corsi',
  `/corsi/${course}`,
  `/corsi/${course}/lezioni/${lesson}`,
  `/buone-pratiche?tema=${theme}`,
  `/buone-pratiche/${practice}`,
  '/cerco-offro',
  `/cerco-offro/${entry}`,
  '/gemellaggi',
  `/gemellaggi/${twinning}`,
  '/questionari',
  `/questionari/${questionnaire}`,
  '/notizie',
  `/notizie/${article}`,
  '/eventi',
  `/eventi/${event}`,
  '/attivita',
  '/cerca?q=tirocini',
  '/membri',
  `/membri/${member}`,
  '/enti',
  `/enti/${organization}`,
  '/libretto',
  '/notifiche',
  '/messaggi-privati',
  '/offerta-formativa',
];

const app = createApp(deps);
const anonymous = request.agent(app);
const signedIn = request.agent(app);
const form = await signedIn.get('/accedi');
const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
await signedIn.post('/accedi').type('form').send({ _csrf: csrf, email: MEMBER.email, password: DEMO_PASSWORD });

const count = async (agent: typeof anonymous, url: string) => {
  await agent.get(url);
  const res = await agent.get(url);
  return res.status === 200 ? Number(res.headers[STATEMENTS_HEADER]) : `${res.status}`;
};
const width = Math.max(...pages.map((p) => p.length)) + 2;
console.log(`driver=${deps.database.kind}; statements per page (budget ${BUDGET}; * over it)`);
console.log('page'.padEnd(width), 'anonymous'.padStart(10), 'signed in'.padStart(10));
for (const url of pages) {
  const cells = [await count(anonymous, url), await count(signedIn, url)].map((n) =>
    `${n}${typeof n === 'number' && n > BUDGET ? '*' : ' '}`.padStart(10),
  );
  console.log(url.padEnd(width), ...cells);
}
await deps.database.close();
