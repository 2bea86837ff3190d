// A thread of 1,000 replies: how fast its pages and API answer, first and last page.
// `node bench/thread.ts` (PGlite in memory) or `DATABASE_URL=postgres://… node bench/thread.ts`.
import { renderMarkdown } from '../server/core/markdown.ts';
import { benchRoutes, demoDeps } from './lib.ts';

const REPLIES = 1000;
const deps = await demoDeps();
const { database } = deps;

// One thread with 1,000 replies: a third answer an earlier reply, so the order is really threaded.
const [{ id: groupId } = { id: 0 }] = await database.query<{ id: number }>(
  `SELECT id FROM groups WHERE slug = 'comunita-spi'`,
);
const authors = (
  await database.query<{ user_id: number }>('SELECT user_id FROM group_memberships WHERE group_id = $1', [groupId])
).map((r) => r.user_id);
const [thread] = await database.query<{ id: number }>(
  `INSERT INTO threads (group_id, author_id, title, post_count, last_position) VALUES ($1, $2, 'Discussione lunga', $3, $3) RETURNING id`,
  [groupId, authors[0], REPLIES + 1],
);
const body =
  "Un messaggio di prova con **un po' di testo**, un elenco:\n\n- primo punto\n- secondo punto\n\ne una chiusura.";
const html = renderMarkdown(body);
const rows: { id: number; path: string; depth: number }[] = [];
const pad = (n: number) => String(n).padStart(6, '0');
for (let position = 1; position <= REPLIES + 1; position++) {
  const parent = position > 2 && position % 3 === 0 ? rows[Math.floor(Math.random() * rows.length)] : undefined;
  const nested = parent && parent.path !== pad(1);
  const path = nested ? `${parent!.path}.${pad(position)}` : pad(position);
  const depth = nested ? parent!.depth + 1 : 0;
  const [row] = await database.query<{ id: number }>(
    `INSERT INTO posts (thread_id, author_id, parent_id, position, depth, sort_path, body, body_html) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [thread!.id, authors[position % authors.length], parent?.id ?? null, position, depth, path, body, html],
  );
  rows.push({ id: row!.id, path, depth });
}

await benchRoutes(
  deps,
  [
    `/discussioni/${thread!.id}`,
    `/discussioni/${thread!.id}?page=21`,
    `/api/v1/threads/${thread!.id}`,
    `/api/v1/threads/${thread!.id}?page=21`,
    '/gruppi/comunita-spi',
  ],
  ` replies=${REPLIES}`,
);
