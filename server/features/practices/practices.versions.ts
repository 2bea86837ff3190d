// Published versions of a practice: the snapshot of every field as it was published (names of the
// administrations and people included, so a version reads the same after they change), and the
// word-level difference between two versions, field by field (jsdiff's diffWordsWithSpace, which
// keeps line breaks, so a Markdown description reads as written), computed once within a budget
// and stored with the version (practices.snapshot.ts writes it).
import { diffWordsWithSpace } from 'diff';
import type { TFunction } from 'i18next';
import type {
  PracticeComponent,
  PracticeDiffPart,
  PracticeIndicator,
  PracticeKitItem,
  PracticeLink,
  PracticeTheme,
  PracticeVersionDiff,
  TerritorialLevel,
} from '../../../models/schema.ts';
import { DEFAULT_LANG, LANGUAGES, translator } from '../../core/i18n.ts';

type Named = { slug: string; name: string };
type Person = { id: number; name: string };

export type PracticeSnapshot = {
  title: string;
  summary: string;
  description: string;
  organization: Named;
  coOwners: Named[];
  contact: Person | null;
  authors: Person[];
  region: string;
  territorialLevel: TerritorialLevel;
  theme: PracticeTheme;
  targetUsers: string;
  objectives: string;
  results: string;
  indicators: PracticeIndicator[];
  resources: string;
  costs: string;
  reuseRequirements: string;
  licence: string;
  startedOn: string | null;
  endedOn: string | null;
  links: PracticeLink[];
  components: PracticeComponent[];
  kit: (PracticeKitItem & { filename?: string })[];
  tags: string[];
  /** The repertory's competences it develops (absent from versions published before they existed). */
  competenceCodes?: string[];
  /** The documents attached when it was published (a file removed since is named, not served). */
  files: { id: number; filename: string }[];
};

/** The fields a version shows and compares, in the page's order. */
export const SNAPSHOT_FIELDS = [
  'title',
  'summary',
  'description',
  'organization',
  'coOwners',
  'contact',
  'authors',
  'region',
  'territorialLevel',
  'theme',
  'targetUsers',
  'objectives',
  'results',
  'indicators',
  'resources',
  'costs',
  'reuseRequirements',
  'licence',
  'startedOn',
  'endedOn',
  'links',
  'components',
  'kit',
  'tags',
  'competenceCodes',
  'files',
] as const satisfies readonly (keyof PracticeSnapshot)[];
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];

/** Words for the values that are codes (theme, level, kit kind): the reader's language. */
export type Labeller = (kind: 'theme' | 'level' | 'kit', value: string) => string;

/** A field as plain text, one line per item of a list: what is compared and shown. */
export function fieldText(s: PracticeSnapshot, field: SnapshotField, label: Labeller): string {
  switch (field) {
    case 'organization':
      return s.organization.name;
    case 'coOwners':
      return s.coOwners.map((o) => o.name).join('\n');
    case 'contact':
      return s.contact?.name ?? '';
    case 'authors':
      return s.authors.map((a) => a.name).join('\n');
    case 'territorialLevel':
      return label('level', s.territorialLevel);
    case 'theme':
      return label('theme', s.theme);
    case 'indicators':
      return s.indicators.map((i) => [i.name, `${i.value} ${i.unit}`.trim(), i.date ?? ''].join(' · ')).join('\n');
    case 'links':
      return s.links.map((l) => `${l.label} <${l.url}>`).join('\n');
    case 'components':
      return s.components.map((c) => `${c.code} – ${c.title}${c.description ? `: ${c.description}` : ''}`).join('\n');
    case 'kit':
      return s.kit
        .map((k) => `${label('kit', k.kind)} – ${k.title} (${k.url ?? k.filename ?? `#${k.attachmentId}`})`)
        .join('\n');
    case 'tags':
      return s.tags.join(', ');
    case 'competenceCodes':
      return (s.competenceCodes ?? []).join(', ');
    case 'files':
      return (s.files ?? []).map((f) => f.filename).join('\n');
    default:
      return String(s[field] ?? '');
  }
}

export type DiffPart = PracticeDiffPart;
export type FieldDiff = { field: SnapshotField; parts: DiffPart[] };

/**
 * The budget of one version's whole comparison: at most this many characters compared (before and
 * after, every changed field), this many milliseconds, this many runs. Past it, the version shows
 * that its changes are too extensive to show, with links to both versions. The diff is computed
 * once, when the version is written (or on the first view of a version written before), never on
 * each view.
 */
export const DIFF_BUDGET = { chars: 300_000, ms: 300, parts: 5_000 };

/** The fields that show coded values in words: compared in each language. */
const LABELLED_FIELDS: readonly SnapshotField[] = ['territorialLevel', 'theme', 'kit'];

/** The words for coded values in a language (its translator's). */
export const labellerOf =
  (t: TFunction): Labeller =>
  (kind, value) =>
    t(`practices.${{ theme: 'themes', level: 'levels', kit: 'kit_kinds' }[kind]}.${value}`);

/**
 * What changed from `previous` to `current` (nothing for a first version), within the budget:
 * `{ tooLarge: true }` when the texts are too long, the comparison too slow or too fragmented.
 */
export function computeVersionDiff(
  previous: PracticeSnapshot | undefined,
  current: PracticeSnapshot,
  budget = DIFF_BUDGET,
): PracticeVersionDiff {
  if (!previous) return { tooLarge: false, fields: [], labelled: {} };
  const pairs = (label: Labeller, fields: readonly SnapshotField[]) =>
    fields.flatMap((field) => {
      const before = fieldText(previous, field, label);
      const after = fieldText(current, field, label);
      return before === after ? [] : [{ field, before, after }];
    });
  const plain = pairs(
    labellerOf(translator(DEFAULT_LANG)),
    SNAPSHOT_FIELDS.filter((f) => !LABELLED_FIELDS.includes(f)),
  );
  const labelled = LANGUAGES.map((lang) => ({ lang, pairs: pairs(labellerOf(translator(lang)), LABELLED_FIELDS) }));
  const all = [...plain, ...labelled.flatMap((l) => l.pairs)];
  if (all.reduce((n, p) => n + p.before.length + p.after.length, 0) > budget.chars) return { tooLarge: true };

  // One deadline for every field: each comparison gets the time the ones before it left.
  const deadline = Date.now() + budget.ms;
  let runs = 0;
  const compare = (list: typeof plain): FieldDiff[] | undefined => {
    const out: FieldDiff[] = [];
    for (const { field, before, after } of list) {
      const timeout = deadline - Date.now();
      const changes = timeout > 0 ? diffWordsWithSpace(before, after, { timeout }) : undefined;
      if (!changes) return undefined;
      runs += changes.length;
      if (runs > budget.parts) return undefined;
      out.push({ field, parts: changes.map((c) => ({ text: c.value, added: c.added, removed: c.removed })) });
    }
    return out;
  };
  const fields = compare(plain);
  if (!fields) return { tooLarge: true };
  const byLang: Record<string, FieldDiff[]> = {};
  for (const l of labelled) {
    const diffs = compare(l.pairs);
    if (!diffs) return { tooLarge: true };
    byLang[l.lang] = diffs;
  }
  return { tooLarge: false, fields, labelled: byLang };
}

/** A stored diff as a reader sees it: the changed fields in the page's order, coded values in their language. */
export function diffForReader(
  diff: PracticeVersionDiff,
  lang: string,
): { tooLarge: true } | { tooLarge: false; changes: FieldDiff[] } {
  if (diff.tooLarge) return { tooLarge: true };
  const labelled = diff.labelled[lang] ?? diff.labelled[DEFAULT_LANG] ?? [];
  const changes = [...diff.fields, ...labelled] as FieldDiff[];
  changes.sort((a, b) => SNAPSHOT_FIELDS.indexOf(a.field) - SNAPSHOT_FIELDS.indexOf(b.field));
  return { tooLarge: false, changes };
}
