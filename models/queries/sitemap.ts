// What the sitemap lists: pages anonymous visitors may read, decided by the one visibility rule
// (visibility.ts, for a viewer who is nobody), newest first, each list bounded by `limit`.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { eventVisibleTo } from './calendar.ts';
import { courseAllowed, groupAllowed, readableByEveryoneSql } from './visibility.ts';

export type SitemapRow = { path: string; lastmod: Date | string | null };

const rows = async (db: DbOrTx, query: ReturnType<typeof sql>): Promise<SitemapRow[]> =>
  ((await db.execute(query)) as unknown as { rows: SitemapRow[] }).rows;

/** Groups whose discussions everyone reads. */
export const publicGroupPages = (db: DbOrTx, limit: number) =>
  rows(
    db,
    sql`SELECT '/gruppi/' || g.slug AS path, g.created_at AS lastmod FROM groups g
         WHERE ${readableByEveryoneSql(sql`g.visibility`)} ORDER BY g.created_at DESC LIMIT ${limit}`,
  );

/** Discussions of those groups, by last activity. */
export const publicThreadPages = (db: DbOrTx, limit: number) =>
  rows(
    db,
    sql`SELECT '/discussioni/' || t.id AS path, t.last_post_at AS lastmod FROM threads t
         WHERE t.deleted_at IS NULL AND ${groupAllowed('read', sql`t.group_id`, null)}
         ORDER BY t.last_post_at DESC LIMIT ${limit}`,
  );

/** Published courses, and the lessons of those anyone may study (open enrolment). */
export const publicCoursePages = (db: DbOrTx, limit: number) =>
  rows(
    db,
    sql`(SELECT '/corsi/' || c.slug AS path, c.updated_at AS lastmod FROM courses c
          WHERE ${courseAllowed('see', 'c', null)} ORDER BY c.updated_at DESC LIMIT ${limit})
        UNION ALL
        (SELECT '/corsi/' || c.slug || '/lezioni/' || l.slug, c.updated_at FROM course_lessons l JOIN courses c ON c.id = l.course_id
          WHERE ${courseAllowed('study', 'c', null)} ORDER BY c.updated_at DESC, l.position LIMIT ${limit})`,
  );

/** Administrations' pages. */
export const organizationPages = (db: DbOrTx, limit: number) =>
  rows(
    db,
    sql`SELECT '/enti/' || o.slug AS path, o.created_at AS lastmod FROM organizations o ORDER BY o.created_at DESC LIMIT ${limit}`,
  );

/** Published articles, by last change. */
export const publishedArticlePages = (db: DbOrTx, limit: number) =>
  rows(
    db,
    sql`SELECT '/notizie/' || a.slug AS path, a.updated_at AS lastmod FROM articles a
         WHERE a.status = 'published' ORDER BY a.published_at DESC LIMIT ${limit}`,
  );

/** Events anyone may see (the calendar's rule for a viewer who is nobody), the coming ones first. */
export const publicEventPages = (db: DbOrTx, limit: number) =>
  rows(
    db,
    sql`SELECT '/eventi/' || calendar_events.id AS path, calendar_events.updated_at AS lastmod
          FROM calendar_events LEFT JOIN courses ON courses.id = calendar_events.course_id
         WHERE ${eventVisibleTo(null)} ORDER BY calendar_events.starts_at DESC LIMIT ${limit}`,
  );

/** The Notiziario's sent issues (its public archive). */
export const newsletterPages = (db: DbOrTx, limit: number) =>
  rows(
    db,
    sql`SELECT '/notiziario/' || n.number AS path, n.sent_at AS lastmod FROM newsletter_issues n
         WHERE n.status = 'sent' ORDER BY n.number DESC LIMIT ${limit}`,
  );
