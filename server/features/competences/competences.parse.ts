// An import file (JSON, nested as the shipped repertory; or CSV, one row per competence) → the
// profiles, areas and competences it names, each with where it is written (the line, and the
// field's name as the file spells it), so every problem can say "riga 12 · eqf_level". Values are
// not checked here (competences.import.service.ts does it); only the file's shape.
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { FieldErrors } from '../../core/errors.ts';
import { readCsv, CsvSyntaxError } from './competences.csv.ts';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS, type CsvColumn, type ImportFormat } from './competences.schema.ts';

type Raw = Record<string, unknown>;
type Path = (string | number)[];
/** One profile, area or competence as written, with the name of each field in the file and its line. */
export type Entry = {
  values: Raw;
  /** The problem key of a field: "riga 12 · eqf_level" (or "riga 12 · profiles[0].areas[1].title"). */
  at: (field: string) => string;
  line: number | null;
  /** The parent's code (an area's profile, a competence's area). */
  parent?: string;
};
export type ParsedFile = { profiles: Entry[]; areas: Entry[]; competences: Entry[]; problems: FieldErrors };

const FILE = 'file';
export const problemKey = (line: number | null, name: string) => (line ? `riga ${line} · ${name}` : name);

/** Reads a file of either format; what cannot be read at all is a problem on `file`. */
export function parseRepertoryFile(format: ImportFormat, text: string): ParsedFile {
  return format === 'csv' ? parseCsv(text) : parseJson(text);
}

// --- JSON ---------------------------------------------------------------------------------------

/** The line of the value at `path` (or of its closest parent), found by reading the text as YAML, JSON's superset. */
function lineFinder(text: string): (path: Path) => number | null {
  let doc: Document | undefined;
  const lines = new LineCounter();
  try {
    doc = parseDocument(text, { lineCounter: lines });
  } catch {
    doc = undefined;
  }
  return (path) => {
    for (let n = path.length; doc && n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return null;
  };
}

/** JSON.parse's complaint with its line when the engine gives one ("… (line 5 column 3)") or a position. */
function jsonProblem(text: string, err: Error): FieldErrors {
  const byLine = /\(line (\d+) column \d+\)/.exec(err.message);
  const byPosition = /at position (\d+)/.exec(err.message);
  const line = byLine ? Number(byLine[1]) : byPosition ? text.slice(0, Number(byPosition[1])).split('\n').length : null;
  const detail = err.message.replace(/^JSON\.parse: /, '').slice(0, 200);
  return { [problemKey(line, FILE)]: { key: 'competences.import.bad_json', params: { detail } } };
}

/** The fields each level of a JSON file may have. */
const JSON_FIELDS = {
  profile: ['code', 'title', 'description', 'areas'],
  area: ['code', 'title', 'description', 'competences'],
  competence: ['code', 'title', 'description', 'knowledge', 'skills', 'eqfLevel', 'escoUri'],
} as const;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const listAt = (value: unknown): unknown[] | null => (value === undefined ? [] : Array.isArray(value) ? value : null);

function parseJson(text: string): ParsedFile {
  const out: ParsedFile = { profiles: [], areas: [], competences: [], problems: {} };
  let data: unknown;
  try {
    data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (err) {
    out.problems = jsonProblem(text, err as Error);
    return out;
  }
  const lineOf = lineFinder(text);
  const profiles = isObject(data) ? data.profiles : undefined;
  if (!Array.isArray(profiles)) {
    out.problems[problemKey(lineOf([]), 'profiles')] = { key: 'competences.import.json_shape' };
    return out;
  }
  const entry = (values: unknown, path: Path, fields: readonly string[], parent?: string): Entry | null => {
    const name = path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
      .join('')
      .slice(1);
    if (!isObject(values)) {
      out.problems[problemKey(lineOf(path), name)] = { key: 'competences.import.json_object' };
      return null;
    }
    const at = (field: string) => problemKey(lineOf([...path, field]), `${name}.${field}`);
    // A misspelt field ("eqf_level") would otherwise be left out without a word.
    for (const key of Object.keys(values))
      if (!fields.includes(key))
        out.problems[at(key)] = { key: 'competences.import.unknown_field', params: { fields: fields.join(', ') } };
    return { values, line: lineOf(path), at, ...(parent !== undefined ? { parent } : {}) };
  };
  /** The paths of an entry's children (a profile's areas, an area's competences). */
  const children = (e: Entry, key: string, path: Path): Path[] => {
    const list = listAt(e.values[key]);
    if (list === null) out.problems[e.at(key)] = { key: 'competences.import.json_list', params: { name: key } };
    return (list ?? []).map((_, i) => [...path, key, i]);
  };
  const codeOf = (e: Entry) => (typeof e.values.code === 'string' ? e.values.code.trim() : '');
  profiles.forEach((p, i) => {
    const profile = entry(p, ['profiles', i], JSON_FIELDS.profile);
    if (!profile) return;
    out.profiles.push(profile);
    for (const areaPath of children(profile, 'areas', ['profiles', i])) {
      const area = entry(getAt(data, areaPath), areaPath, JSON_FIELDS.area, codeOf(profile));
      if (!area) continue;
      out.areas.push(area);
      for (const cPath of children(area, 'competences', areaPath)) {
        const competence = entry(getAt(data, cPath), cPath, JSON_FIELDS.competence, codeOf(area));
        if (competence) out.competences.push(competence);
      }
    }
  });
  return out;
}

const getAt = (data: unknown, path: Path): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], data);

// --- CSV ----------------------------------------------------------------------------------------

const PARENT_FIELDS = { code: '_code', title: '_title', description: '_description' } as const;
const COMPETENCE_FIELDS: Record<string, CsvColumn> = {
  code: 'code',
  title: 'title',
  description: 'description',
  knowledge: 'knowledge',
  skills: 'skills',
  eqfLevel: 'eqf_level',
  escoUri: 'esco_uri',
};

function parseCsv(text: string): ParsedFile {
  const out: ParsedFile = { profiles: [], areas: [], competences: [], problems: {} };
  let records;
  try {
    records = readCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    out.problems[problemKey(err.line, FILE)] = { key: 'competences.import.bad_csv' };
    return out;
  }
  const [header, ...rows] = records;
  if (!header) {
    out.problems[FILE] = { key: 'competences.import.empty' };
    return out;
  }
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  columns.forEach((c, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(c) || columns.indexOf(c) !== i)
      out.problems[problemKey(header.line, c || `#${i + 1}`)] = {
        key: 'competences.import.unknown_column',
        params: { column: c, columns: CSV_COLUMNS.join(', ') },
      };
  });
  for (const c of REQUIRED_CSV_COLUMNS)
    if (!columns.includes(c)) out.problems[problemKey(header.line, c)] = { key: 'competences.import.missing_column' };
  if (Object.keys(out.problems).length) return out;

  for (const row of rows) {
    // More cells than columns: usually a comma in an unquoted text, which shifted every cell after it.
    if (row.cells.length > columns.length) {
      out.problems[problemKey(row.line, FILE)] = {
        key: 'competences.import.row_width',
        params: { cells: row.cells.length, columns: columns.length },
      };
      continue;
    }
    const cell = (column: string) => {
      const i = columns.indexOf(column);
      return i < 0 ? undefined : (row.cells[i] ?? '');
    };
    const pick = (fields: Record<string, string>) => {
      const values: Raw = {};
      for (const [field, column] of Object.entries(fields)) {
        const v = cell(column);
        if (v !== undefined) values[field] = v;
      }
      return values;
    };
    const parent = (prefix: 'profile' | 'area', parentCode?: string): Entry => {
      const fields = Object.fromEntries(Object.entries(PARENT_FIELDS).map(([f, suffix]) => [f, `${prefix}${suffix}`]));
      const values = pick(fields);
      // A parent's empty title or description means "as it is": it is usually written on one row only.
      for (const f of ['title', 'description'])
        if (typeof values[f] === 'string' && !(values[f] as string).trim()) delete values[f];
      return {
        values,
        line: row.line,
        at: (field) => problemKey(row.line, fields[field] ?? field),
        ...(parentCode !== undefined ? { parent: parentCode } : {}),
      };
    };
    const profile = parent('profile');
    const area = parent('area', String(profile.values.code ?? '').trim());
    out.profiles.push(profile);
    out.areas.push(area);
    if ((cell('code') ?? '').trim() === '') continue;
    out.competences.push({
      values: pick(COMPETENCE_FIELDS),
      line: row.line,
      at: (field) => problemKey(row.line, COMPETENCE_FIELDS[field] ?? field),
      parent: String(area.values.code ?? '').trim(),
    });
  }
  if (!rows.length) out.problems[FILE] = { key: 'competences.import.empty' };
  return out;
}
