// Demo Notiziario: about a third of the demo members subscribed, and the last two months' issues in the
// archive, assembled from what the demo holds for those periods (marked sent, no mail goes out).
import { sql } from 'drizzle-orm';
import { insertIssue } from '../../models/queries/newsletter.ts';
import type { Deps } from '../core/deps.ts';
import { italianDay } from '../core/time.ts';
import { renderMarkdown } from '../core/markdown.ts';
import { periodOf } from '../features/newsletter/newsletter.service.ts';
import { assembleSections } from '../features/newsletter/newsletter.sources.ts';

const MONTHS = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];

const INTROS = [
  'In questo numero i lavori della rete degli osservatori regionali, le novità sulla qualità dei servizi e i laboratori di autovalutazione dei CPI, e chi è entrato nella comunità.',
  "Un mese intenso per la rete: i seminari regionali sui servizi per l'impiego, gli aggiornamenti normativi e i primi risultati dei gemellaggi tra amministrazioni.",
];

export async function seedNewsletterDemo(deps: Deps): Promise<{ issues: number; subscribers: number }> {
  const db = deps.database.db;
  const existing = (await db.execute(sql`SELECT count(*)::int AS n FROM newsletter_issues`)) as unknown as {
    rows: { n: number }[];
  };
  if (existing.rows[0]!.n > 0) return { issues: 0, subscribers: 0 };
  const subscribed = (await db.execute(
    sql`UPDATE users SET newsletter = true WHERE id % 3 = 0 AND email LIKE '%@%' RETURNING id`,
  )) as unknown as { rows: unknown[] };
  const today = new Date(`${italianDay(new Date())}T12:00:00Z`);
  let issues = 0;
  for (const back of [2, 1]) {
    const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1, 12));
    const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back + 1, 0, 12));
    const [start, end] = [first.toISOString().slice(0, 10), last.toISOString().slice(0, 10)];
    const intro = INTROS[issues % INTROS.length]!;
    const content = await assembleSections(deps, periodOf(start, end));
    const issue = await insertIssue(db, {
      title: `Notiziario n. ${issues + 1} – ${MONTHS[first.getUTCMonth()]} ${first.getUTCFullYear()}`,
      intro,
      introHtml: renderMarkdown(intro),
      periodStart: start,
      periodEnd: end,
      content,
      status: 'sent',
      sentAt: new Date(last.getTime() + 86_400_000),
      recipients: subscribed.rows.length,
    });
    issues += issue ? 1 : 0;
  }
  return { issues, subscribers: subscribed.rows.length };
}
