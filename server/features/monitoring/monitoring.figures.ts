// The figures an animator can set a target on: where each is read in the stats and whether it is a
// count or a rate (a percentage, 0–100). Their labels are monitoring.figures.<key> in the locales.
export const FIGURES = {
  members_total: { section: 'members', path: ['members', 'total'], kind: 'count' },
  members_new: { section: 'members', path: ['members', 'new'], kind: 'count' },
  members_active: { section: 'members', path: ['members', 'active'], kind: 'count' },
  discussions_threads: { section: 'discussions', path: ['discussions', 'threads'], kind: 'count' },
  discussions_replies: { section: 'discussions', path: ['discussions', 'replies'], kind: 'count' },
  courses_enrolments: { section: 'courses', path: ['courses', 'enrolments'], kind: 'count' },
  courses_completions: { section: 'courses', path: ['courses', 'completions'], kind: 'count' },
  courses_completion_rate: { section: 'courses', path: ['courses', 'completionRate'], kind: 'rate' },
  courses_quiz_pass_rate: { section: 'courses', path: ['courses', 'quizPassRate'], kind: 'rate' },
  practices_published: { section: 'practices', path: ['practices', 'published'], kind: 'count' },
  practices_reused: { section: 'practices', path: ['practices', 'reused'], kind: 'count' },
  practices_stories: { section: 'practices', path: ['practices', 'stories'], kind: 'count' },
  exchange_posts: { section: 'exchange', path: ['exchange', 'posts'], kind: 'count' },
  exchange_matches: { section: 'exchange', path: ['exchange', 'matches'], kind: 'count' },
  exchange_conversations: { section: 'exchange', path: ['exchange', 'conversations'], kind: 'count' },
  events_registrations: { section: 'events', path: ['events', 'registrations'], kind: 'count' },
  events_attended: { section: 'events', path: ['events', 'attended'], kind: 'count' },
  events_attendance_rate: { section: 'events', path: ['events', 'attendanceRate'], kind: 'rate' },
  twinnings_started: { section: 'twinnings', path: ['twinnings', 'started'], kind: 'count' },
  twinnings_milestone_progress: { section: 'twinnings', path: ['twinnings', 'milestoneProgress'], kind: 'rate' },
} as const satisfies Record<string, { section: string; path: readonly [string, string]; kind: 'count' | 'rate' }>;

export type FigureKey = keyof typeof FIGURES;
export const FIGURE_KEYS = Object.keys(FIGURES) as [FigureKey, ...FigureKey[]];
export const isFigureKey = (v: unknown): v is FigureKey => typeof v === 'string' && v in FIGURES;

/** The sections of the dashboard, in the page's order (each has a table, a chart and a CSV). */
export const SECTIONS = [
  'members',
  'groups',
  'discussions',
  'courses',
  'practices',
  'exchange',
  'events',
  'twinnings',
] as const;
export type Section = (typeof SECTIONS)[number];
