// Published versions of a practice: the snapshot of every field as it was published (names of the
// administrations and people included, so a version reads the same after they change), and the
// word-level difference between two versions, field by field (jsdiff's diffWordsWithSpace, which
// keeps line breaks, so a Markdown description reads as written).
import { diffWordsWithSpace } from 'diff';
import type {
  PracticeComponent,
  PracticeIndicator,
  PracticeKitItem,
  PracticeLink,
  PracticeTheme,
  TerritorialLevel,
} from '../../../models/schema.ts';

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

export type DiffPart = { text: string; added: boolean; removed: boolean };
export type FieldDiff = { field: SnapshotField; parts: DiffPart[] };

/** Past this many characters in a field, differences are word-diffed no longer than this many ms. */
const DIFF_TIMEOUT_MS = 250;

/** The parts of a text's change: common, removed and added runs of words (whole texts when too costly). */
export function textDiff(before: string, after: string): DiffPart[] {
  const changes = diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!changes)
    return [
      ...(before ? [{ text: before, added: false, removed: true }] : []),
      ...(after ? [{ text: after, added: true, removed: false }] : []),
    ];
  return changes.map((c) => ({ text: c.value, added: c.added, removed: c.removed }));
}

/** The fields that differ between two snapshots (every non-empty one when there is no previous version). */
export function diffSnapshots(
  previous: PracticeSnapshot | undefined,
  current: PracticeSnapshot,
  label: Labeller,
): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of SNAPSHOT_FIELDS) {
    const before = previous ? fieldText(previous, field, label) : '';
    const after = fieldText(current, field, label);
    if (before === after) continue;
    out.push({ field, parts: textDiff(before, after) });
  }
  return out;
}
