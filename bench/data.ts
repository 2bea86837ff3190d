// What the benchmarks that build a scaled data set share: text taken from the demo content (the
// practices' and Cerco / Offro posts' own sentences) and the bulk INSERT … SELECT generate_series
// statements that write published practices, active Cerco / Offro posts and published articles.
// Each takes a `Sql` (one statement, its rows) so it runs on node-postgres and on PGlite alike.
import { exchangePosts } from '../server/demo/exchange-data.ts';
import { practices as demoPractices } from '../server/demo/practices-data.ts';

/** One SQL statement with parameters; resolves with its rows. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export const plain = (md: string) =>
  md
    .replace(/\*\*|\*|`|^#+\s*|^\s*-\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
/** Sentences of the demo practices and posts (long enough to say something). */
export const SENTENCES = [
  ...new Set(
    [
      ...demoPractices.flatMap((p) => [p.summary, p.description, p.objectives, p.results, p.targetUsers]),
      ...exchangePosts.map((p) => p.description),
    ]
      .flatMap((text) => plain(text).split(/(?<=[.!?])\s+(?=[A-ZÀÈÉÌÒÙ«“])/u))
      .filter((s) => s.length >= 40 && s.length <= 400),
  ),
];
/** Titles: the demo practices' and their components' ("Modello A …"). */
const TITLES = [
  ...new Set([...demoPractices.map((p) => p.title), ...demoPractices.flatMap((p) => p.components.map((c) => c.title))]),
].filter((t) => t.length <= 160);
/** What posts are about: the demo posts' titles and the practices' components, sought or offered. */
const POST_TITLES = [
  ...new Set([
    ...exchangePosts.map((p) => p.title),
    ...demoPractices.flatMap((p) =>
      p.components.map((c) => `${c.title.charAt(0).toLowerCase()}${c.title.slice(1)}`.slice(0, 140)),
    ),
  ]),
];
const FIELDS = {
  targetUsers: demoPractices.map((p) => p.targetUsers),
  objectives: demoPractices.map((p) => p.objectives),
  results: demoPractices.map((p) => p.results),
  indicators: demoPractices.map((p) => JSON.stringify(p.indicators)),
  components: demoPractices.map((p) => JSON.stringify(p.components)),
  kit: demoPractices.map((p) => JSON.stringify(p.kit)),
  tags: [...new Set(demoPractices.flatMap((p) => p.tags))],
};
export const THEMES = [
  'servizi-impiego',
  'formazione',
  'inclusione-sociale',
  'prima-infanzia',
  'e-government',
  'orientamento',
  'invecchiamento-attivo',
  'osservatori',
];
const LEVELS = ['national', 'regional', 'provincial', 'municipal', 'local'];

/** `arr[1 + (n * k) % len]`: a deterministic pick from a text[] parameter. */
export const pick = (param: string, n: string, k: number) =>
  `(${param}::text[])[1 + ((${n} * ${k}) % array_length(${param}::text[], 1))]`;

/** Who writes: members with an administration (a practice or post speaks for the author's), and the competence codes. */
async function writers(q: Sql) {
  // The people who write: demo members with an administration (a post speaks for the author's).
  const [people] = await q<{ ids: number[]; orgs: number[]; regions: string[] }>(
    `SELECT array_agg(u.id ORDER BY u.id) AS ids, array_agg(u.organization_id ORDER BY u.id) AS orgs,
            array_agg(o.region ORDER BY u.id) AS regions
       FROM users u JOIN organizations o ON o.id = u.organization_id`,
  );
  const [codes] = await q<{ codes: string[] }>(`SELECT array_agg(code ORDER BY code) AS codes FROM competences`);
  return { people: people!, codes: codes!.codes ?? [] };
}

/** `count` published practices (slugs pratica-scalata-1…), written from the demo's sentences. */
export async function insertPractices(q: Sql, count: number): Promise<void> {
  const { people, codes } = await writers(q);
  const who = (n: string) => `(1 + (${n} * 7) % array_length($2::int[], 1))`;
  await q(
    `INSERT INTO practices (slug, status, title, summary, description, description_html, organization_id,
                            contact_user_id, created_by, region, territorial_level, theme, target_users,
                            objectives, results, indicators, resources, costs, reuse_requirements, licence,
                            started_on, components, kit, tags, version, validation_score, reuse_count,
                            submitted_at, validated_at, published_at, competence_codes, created_at, updated_at)
     SELECT 'pratica-scalata-' || i, 'published',
            left(${pick('$1', 'i', 1)} || ' – ' || (($4::text[])[${who('i')}]), 200),
            d.s1, d.s1 || ' ' || d.s2 || E'\n\n' || d.s3 || ' ' || d.s4 || E'\n\n' || d.s5,
            '<p>' || d.s1 || ' ' || d.s2 || '</p><p>' || d.s3 || ' ' || d.s4 || '</p><p>' || d.s5 || '</p>',
            ($3::int[])[${who('i')}], ($2::int[])[${who('i')}], ($2::int[])[${who('i')}],
            ($4::text[])[${who('i')}], ${pick('$6', 'i', 3)}, ${pick('$7', 'i', 5)},
            ${pick('$8', 'i', 11)}, ${pick('$9', 'i', 13)}, ${pick('$10', 'i', 17)},
            ${pick('$11', 'i', 19)}::jsonb, d.s6, 'Costi di personale interno e di configurazione.',
            'Un referente e la convenzione tra amministrazioni.', 'CC BY 4.0',
            date '2015-01-01' + (i % 3000), ${pick('$12', 'i', 23)}::jsonb, ${pick('$13', 'i', 29)}::jsonb,
            ARRAY[${pick('$14', 'i', 31)}, ${pick('$14', 'i', 37)}], 1 + i % 3, 2 + (i % 9) / 4.0, i % 7,
            now() - (i % 700 + 20) * interval '1 day', now() - (i % 700 + 10) * interval '1 day',
            now() - (i % 700) * interval '1 day' - i * interval '1 second',
            ARRAY[${pick('$15', 'i', 41)}, ${pick('$15', 'i', 43)}],
            now() - (i % 700 + 30) * interval '1 day', now() - (i % 700) * interval '1 day'
       FROM generate_series(1, ${count}) i
      CROSS JOIN LATERAL (SELECT ${pick('$5', 'i', 3)} AS s1, ${pick('$5', 'i', 7)} AS s2, ${pick('$5', 'i', 11)} AS s3,
                                 ${pick('$5', 'i + 1', 13)} AS s4, ${pick('$5', 'i + 2', 17)} AS s5,
                                 ${pick('$5', 'i + 3', 19)} AS s6) d`,
    [
      TITLES,
      people.ids,
      people.orgs,
      people.regions,
      SENTENCES,
      LEVELS,
      THEMES,
      FIELDS.targetUsers,
      FIELDS.objectives,
      FIELDS.results,
      FIELDS.indicators,
      FIELDS.components,
      FIELDS.kit,
      FIELDS.tags,
      codes,
    ],
  );
}

/** `posts` active Cerco / Offro posts, written from the demo's sentences. */
export async function insertExchangePosts(q: Sql, posts: number): Promise<void> {
  const { people } = await writers(q);
  const who = (n: string) => `(1 + (${n} * 7) % array_length($2::int[], 1))`;
  await q(
    `INSERT INTO exchange_posts (kind, author_id, organization_id, title, description, description_html, theme,
                                 region, expires_at, created_at, updated_at)
     SELECT CASE WHEN i % 2 = 0 THEN 'cerco' ELSE 'offro' END, ($2::int[])[${who('i')}], ($3::int[])[${who('i')}],
            left(CASE WHEN i % 2 = 0 THEN 'Cerchiamo ' ELSE 'Offriamo ' END || ${pick('$1', 'i', 3)}, 160),
            d.s1 || ' ' || d.s2 || E'\n\n' || d.s3, '<p>' || d.s1 || ' ' || d.s2 || '</p><p>' || d.s3 || '</p>',
            ${pick('$6', 'i', 5)}, ($4::text[])[${who('i')}],
            now() + (30 + i % 150) * interval '1 day',
            now() - (i % 90) * interval '1 day' - i * interval '1 second', now() - (i % 90) * interval '1 day'
       FROM generate_series(1, ${posts}) i
      CROSS JOIN LATERAL (SELECT ${pick('$5', 'i', 5)} AS s1, ${pick('$5', 'i + 1', 7)} AS s2,
                                 ${pick('$5', 'i + 2', 11)} AS s3) d`,
    [POST_TITLES, people.ids, people.orgs, people.regions, SENTENCES, THEMES],
  );
}

/**
 * `count` published articles (slugs `${prefix}-1`…) over the four kinds and seven themes, one every
 * 47 minutes back from now, with two tags each; then their statistics.
 */
export async function insertArticles(q: Sql, count: number, prefix = 'prova'): Promise<void> {
  await q(
    `INSERT INTO articles (slug, kind, title, summary, body, body_html, theme, status, published_at, law_reference, law_status, created_at, updated_at)
     SELECT $1 || '-' || g,
            (ARRAY['news','press','law','document'])[1 + g % 4],
            'Articolo di prova numero ' || g,
            'Il sommario di una riga dell''articolo ' || g || '.',
            'Il testo dell''articolo.', '<p>Il testo dell''articolo.</p>',
            (ARRAY['servizi-impiego','osservatori','qualita','crisi-ammortizzatori','sistemi-informativi','gemellaggi','lep'])[1 + g % 7],
            'published',
            date_trunc('milliseconds', now() - g * interval '47 minutes'),
            CASE WHEN g % 4 = 2 THEN 'D.Lgs. ' || g || '/2015' END,
            CASE WHEN g % 4 = 2 THEN 'in_force' END,
            now(), now()
       FROM generate_series(1, ${count}) g`,
    [prefix],
  );
  await q(
    `INSERT INTO article_tags (article_id, tag)
     SELECT id, (ARRAY['did','lep','osservatori','dati','qualità','crisi','tirocini','cpi'])[1 + id % 8] FROM articles WHERE slug LIKE $1 || '-%'
     UNION
     SELECT id, (ARRAY['patto di servizio','profilazione','garanzia giovani','rete'])[1 + id % 4] FROM articles WHERE slug LIKE $1 || '-%'`,
    [prefix],
  );
  await q('ANALYZE articles');
  await q('ANALYZE article_tags');
}
