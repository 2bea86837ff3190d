// Full-text search (0009_search.sql): the generated `tsvector` columns, each GIN-indexed. They are
// deliberately not columns of the Drizzle tables, so that no row the application selects or returns
// carries a tsvector; the search queries (models/queries/search.ts) name them in SQL. The migrations
// test checks that each one exists, is generated, and has its GIN index.

/** The text-search configuration: Italian stemming with accents removed first (attività = attivita). */
export const SEARCH_CONFIG = 'italian_unaccent';

/** Table → its generated, GIN-indexed tsvector column. */
export const SEARCH_VECTORS: Readonly<Record<string, string>> = {
  threads: 'search_vector',
  posts: 'search_vector',
  courses: 'search_vector',
  course_lessons: 'search_vector',
  users: 'search_vector',
  organizations: 'search_vector',
  // 0012_search_channel.sql
  articles: 'search_vector',
  calendar_events: 'search_vector',
  // 0013_practices.sql
  practices: 'search_vector',
  // 0016_booklet.sql
  competences: 'search_vector',
  // 0014_exchange.sql
  exchange_posts: 'search_vector',
  // 0023_twinnings.sql
  twinnings: 'search_vector',
  // 0024_questionnaires.sql
  questionnaires: 'search_vector',
  // 0028_training_offers.sql
  training_offers: 'search_vector',
};
