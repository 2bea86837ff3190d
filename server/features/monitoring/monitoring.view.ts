// Stats → what the dashboard shows: per section a summary, a table (the same rows as its CSV) and a
// chart's data (labels and datasets, read by public/js/monitoring.ts from a data attribute).
import type { TFunction } from 'i18next';
import { SECTIONS, type Section } from './monitoring.figures.ts';
import type { TargetProgress } from './monitoring.service.ts';
import type { Stats } from './monitoring.stats.ts';

type T = TFunction;
type Cell = string | number | null;
export type Table = { columns: string[]; rows: Cell[][] };
type Dataset = { label: string; data: number[] };
export type ChartData = {
  type: 'bar' | 'line';
  indexAxis?: 'y';
  stacked?: boolean;
  labels: string[];
  datasets: Dataset[];
};

const rateText = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('it-IT')} %`);
/** A bucket as its first day (a week) or its month: 2027-03-15, 2027-03. */
const bucketLabel = (stats: Stats, bucket: string) => (stats.period.bucket === 'month' ? bucket.slice(0, 7) : bucket);

/** The columns of a series (after the bucket) and the key each reads. */
const SERIES: Record<Exclude<Section, 'groups'>, string[]> = {
  members: ['new', 'total'],
  discussions: ['threads', 'replies'],
  courses: ['enrolments', 'completions'],
  practices: ['published', 'reused', 'stories'],
  exchange: ['cerco', 'offro', 'matches', 'conversations'],
  events: ['registrations', 'attended'],
  twinnings: ['started'],
};

/** A section's table: a row per bucket (groups: per group, by rank). */
export function sectionTable(stats: Stats, section: Section, t: T): Table {
  if (section === 'groups') {
    return {
      columns: ['rank', 'group', 'visibility', 'posts', 'threads', 'authors', 'members'].map((c) =>
        t(`monitoring.columns.${c}`),
      ),
      rows: stats.groups.map((g) => [
        g.rank,
        g.name ?? t('monitoring.private_group'),
        t(`monitoring.visibility.${g.visibility}`),
        g.posts,
        g.threads,
        g.authors,
        g.members,
      ]),
    };
  }
  const keys = SERIES[section];
  const series = stats[section].series as unknown as Record<string, number | string>[];
  return {
    columns: [t(`monitoring.columns.bucket_${stats.period.bucket}`), ...keys.map((k) => t(`monitoring.columns.${k}`))],
    rows: series.map((row) => [bucketLabel(stats, String(row.bucket)), ...keys.map((k) => Number(row[k] ?? 0))]),
  };
}

function chartOf(stats: Stats, section: Section, table: Table): ChartData {
  if (section === 'groups') {
    return {
      type: 'bar',
      indexAxis: 'y',
      labels: table.rows.map((r) => String(r[1])),
      datasets: [{ label: table.columns[3]!, data: table.rows.map((r) => Number(r[3])) }],
    };
  }
  const labels = table.rows.map((r) => String(r[0]));
  const datasets = table.columns.slice(1).map((label, i) => ({ label, data: table.rows.map((r) => Number(r[i + 1])) }));
  // Members: the running total dwarfs the new ones, so it is a line of its own on the chart.
  if (section === 'members') return { type: 'line', labels, datasets: datasets.slice(1).concat(datasets.slice(0, 1)) };
  return { type: 'bar', labels, datasets };
}

/** The headline figures of a section, as label and formatted value. */
function summaryOf(stats: Stats, section: Section, t: T): { label: string; value: string }[] {
  const n = (v: number) => v.toLocaleString('it-IT');
  const s = (key: string, value: string) => ({ label: t(`monitoring.summary.${key}`), value });
  switch (section) {
    case 'members':
      return [
        s('members_total', n(stats.members.total)),
        s('members_new', n(stats.members.new)),
        s('members_active', n(stats.members.active)),
      ];
    case 'groups':
      return [s('groups_ranked', n(stats.groups.length))];
    case 'discussions':
      return [
        s('threads', n(stats.discussions.threads)),
        s('replies', n(stats.discussions.replies)),
        s('active_threads', n(stats.discussions.activeThreads)),
      ];
    case 'courses':
      return [
        s('enrolments', n(stats.courses.enrolments)),
        s('completions', n(stats.courses.completions)),
        s('completion_rate', rateText(stats.courses.completionRate)),
        s('quiz_pass_rate', rateText(stats.courses.quizPassRate)),
      ];
    case 'practices':
      return [
        s('published', n(stats.practices.published)),
        s('reused', n(stats.practices.reused)),
        s('stories', n(stats.practices.stories)),
      ];
    case 'exchange':
      return [
        s('exchange_posts', n(stats.exchange.posts)),
        s('matches', n(stats.exchange.matches)),
        s('conversations', n(stats.exchange.conversations)),
      ];
    case 'events':
      return [
        s('registrations', n(stats.events.registrations)),
        s('held', n(stats.events.held)),
        s('attended', n(stats.events.attended)),
        s('attendance_rate', rateText(stats.events.attendanceRate)),
      ];
    case 'twinnings':
      return [
        s('twinnings', n(stats.twinnings.total)),
        s('started', n(stats.twinnings.started)),
        s('milestone_progress', rateText(stats.twinnings.milestoneProgress)),
      ];
  }
}

/** Every section of the page, in order, with the address of its CSV. */
export function dashboardView(stats: Stats, t: T) {
  const query = `from=${stats.period.from}&to=${stats.period.to}&bucket=${stats.period.bucket}`;
  return SECTIONS.map((id) => {
    const table = sectionTable(stats, id, t);
    return {
      id,
      title: t(`monitoring.sections.${id}`),
      definition: t(`monitoring.definitions.${id}`),
      summary: summaryOf(stats, id, t),
      columns: table.columns,
      rows: table.rows.map((r) =>
        r.map((c) => (c === null ? '—' : typeof c === 'number' ? c.toLocaleString('it-IT') : c)),
      ),
      empty: table.rows.length === 0,
      chart: JSON.stringify(chartOf(stats, id, table)),
      csvUrl: `/admin/monitoraggio?${query}&format=csv&figure=${id}`,
    };
  });
}

/** A target as the page shows it: the bar's width and its text (never the colour alone). */
export function targetView(target: TargetProgress, t: T) {
  const fmt = (v: number | null) =>
    v === null ? '—' : target.kind === 'rate' ? `${v.toLocaleString('it-IT')} %` : v.toLocaleString('it-IT');
  return {
    ...target,
    label: t(`monitoring.figures.${target.figure}`),
    text:
      target.value === null
        ? t('monitoring.targets.no_value', { target: fmt(target.target) })
        : t('monitoring.targets.progress_text', {
            value: fmt(target.value),
            target: fmt(target.target),
            progress: target.progress!.toLocaleString('it-IT'),
          }),
    status: t(target.reached ? 'monitoring.targets.reached' : 'monitoring.targets.in_progress'),
  };
}

/** Targets as CSV rows: figure, period, target, value, progress. */
export function targetsTable(targets: TargetProgress[], t: T): Table {
  return {
    columns: ['figure', 'period_from', 'period_to', 'target', 'value', 'progress', 'set_by'].map((c) =>
      t(`monitoring.targets.columns.${c}`),
    ),
    rows: targets.map((x) => [
      t(`monitoring.figures.${x.figure}`),
      x.periodFrom,
      x.periodTo,
      x.target,
      x.value,
      x.progress,
      x.setByName ?? '',
    ]),
  };
}
