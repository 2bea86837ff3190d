// Importing into the competence repertory (admins, and the `competences:import` command): a JSON
// or CSV file is read and checked whole; any problem (a bad code, an EQF level outside 1–8, a bad
// ESCO address, a code written twice, a profile or area that exists neither in the file nor in the
// repertory) is a 400 naming its line and field, and nothing changes. A dry run lists, code by
// code, what is new, what would change (and which fields) and what stays the same; applying writes
// the same plan in one transaction. Import upserts by code and never deletes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { DbOrTx } from '../../../models/db.ts';
import * as q from '../../../models/queries/competences.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, UnauthorizedError, ValidationError, type FieldErrors } from '../../core/errors.ts';
import { parseInput, zodToFields } from '../../core/validation.ts';
import { canImportCompetences } from './competences.policy.ts';
import { parseRepertoryFile, type Entry, type ParsedFile } from './competences.parse.ts';
import {
  competenceRowSchema,
  importFormSchema,
  parentRowSchema,
  type CompetenceRowInput,
  type ImportFormat,
  type ParentRow,
} from './competences.schema.ts';

export type ChangeKind = 'profile' | 'area' | 'competence';
export type ChangeAction = 'new' | 'updated' | 'unchanged';
export type ImportChange = { kind: ChangeKind; code: string; title: string; action: ChangeAction; fields: string[] };
export type ImportPlan = { changes: ImportChange[]; counts: Record<ChangeAction, number>; applied: boolean };

type Writes = { profiles: q.ProfileValues[]; areas: q.AreaValues[]; competences: q.CompetenceValues[] };

/** Only admins import; anyone else is refused before the file is read. */
export function assertCanImport(actor: Actor): Express.User {
  if (!actor) throw new UnauthorizedError();
  if (!canImportCompetences(actor)) throw new ForbiddenError();
  return actor;
}

/**
 * What importing the form's file would change, without changing anything, and the file as read
 * (its text and format, which the preview's apply form carries). Admins only.
 */
export async function previewRepertoryImport(
  deps: Deps,
  actor: Actor,
  input: unknown,
): Promise<{ plan: ImportPlan; file: { format: ImportFormat; content: string } }> {
  assertCanImport(actor);
  const file = formFile(input);
  return { plan: await importRepertory(deps, file.format, file.content, { dryRun: true }), file };
}

/** Imports the form's file: every change in one transaction, or none. Admins only. */
export async function applyRepertoryImport(deps: Deps, actor: Actor, input: unknown): Promise<ImportPlan> {
  assertCanImport(actor);
  const { format, content } = formFile(input);
  return importRepertory(deps, format, content, { dryRun: false });
}

const EXTENSIONS: Record<string, ImportFormat> = { '.json': 'json', '.csv': 'csv' };
/** The format a file's name says (.json or .csv), or undefined. */
export const formatOfFile = (name: string): ImportFormat | undefined => EXTENSIONS[path.extname(name).toLowerCase()];

/** The form's file and its format: the one the apply form carries, else the uploaded file's extension. */
function formFile(input: unknown): { format: ImportFormat; content: string } {
  const { format, filename, content } = parseInput(importFormSchema, input);
  const chosen = format ?? formatOfFile(filename ?? '');
  if (!chosen) throw new ValidationError({ file: { key: 'validation.competence_format' } });
  return { format: chosen, content };
}

/** The command line's import of a file on disk (the command runs with the administrator's rights). */
export async function importRepertoryFile(deps: Deps, file: string, opts: { dryRun: boolean }): Promise<ImportPlan> {
  const format = formatOfFile(file);
  if (!format) throw new ValidationError({ file: { key: 'validation.competence_format' } });
  const content = await readFile(file, 'utf8').catch(() => {
    throw new ValidationError({ file: { key: 'competences.import.unreadable', params: { file } } });
  });
  return importRepertory(deps, format, content, opts);
}

/** Checks the file, compares it with the repertory and, unless a dry run, writes the plan in one transaction. */
export async function importRepertory(
  deps: Deps,
  format: ImportFormat,
  content: string,
  opts: { dryRun: boolean },
): Promise<ImportPlan> {
  const parsed = parseRepertoryFile(format, content);
  const checked = checkRows(parsed, format);
  /** The plan against the repertory as `db` sees it; every problem of the file at once, or none. */
  const planned = async (db: DbOrTx) => {
    const { plan, writes, problems } = await planFor(db, checked.rows);
    const all = { ...parsed.problems, ...checked.problems, ...problems };
    if (Object.keys(all).length) throw importError(all);
    return { plan, writes };
  };
  if (opts.dryRun) return { ...(await planned(deps.database.db)).plan, applied: false };
  return deps.database.db.transaction(async (tx) => {
    await q.lockRepertory(tx);
    const { plan, writes } = await planned(tx);
    const now = new Date();
    for (const p of writes.profiles) await q.upsertProfile(tx, p);
    for (const a of writes.areas) await q.upsertArea(tx, a);
    for (const c of writes.competences) await q.upsertCompetence(tx, c, now);
    return { ...plan, applied: true };
  });
}

/** The line a problem key names ("riga 12 · code"), for listing problems in the file's order. */
const lineOfKey = (key: string) => Number(/^riga (\d+) /.exec(key)?.[1] ?? 0);
const importError = (problems: FieldErrors) =>
  new ValidationError(
    Object.fromEntries(Object.entries(problems).sort(([a], [b]) => lineOfKey(a) - lineOfKey(b))),
    'competences.import.invalid',
  );

type Checked<T> = { values: T; entry: Entry };
type CheckedRows = {
  profiles: Map<string, Checked<ParentRow>>;
  areas: Map<string, Checked<ParentRow & { profileCode: string }>>;
  competences: Map<string, Checked<CompetenceRowInput & { areaCode: string }>>;
};

/** Each row's values against its schema, and the rules across rows: the valid rows and the problems found. */
function checkRows(parsed: ParsedFile, format: ImportFormat): { rows: CheckedRows; problems: FieldErrors } {
  const problems: FieldErrors = {};
  const add = (entry: Entry, field: string, key: string, params?: Record<string, unknown>) => {
    problems[entry.at(field)] ??= params ? { key, params } : { key };
  };
  const valid = <S extends z.ZodType>(schema: S, entry: Entry): z.infer<S> | undefined => {
    const result = schema.safeParse(entry.values);
    if (result.success) return result.data;
    for (const [field, message] of Object.entries(zodToFields(result.error))) problems[entry.at(field)] ??= message;
    return undefined;
  };
  const out: CheckedRows = { profiles: new Map(), areas: new Map(), competences: new Map() };
  // A CSV repeats a profile and an area on each of their rows; a JSON file writes each once.
  const mergeParent = <T extends ParentRow>(
    map: Map<string, Checked<T>>,
    entry: Entry,
    values: T,
    same: (a: T) => boolean,
  ) => {
    const first = map.get(values.code);
    if (!first) return void map.set(values.code, { values, entry });
    if (format === 'json')
      return add(entry, 'code', 'competences.import.duplicate_code', {
        code: values.code,
        line: first.entry.line ?? '?',
      });
    if (!same(first.values))
      return add(entry, 'code', 'competences.import.parent_conflict', {
        code: values.code,
        line: first.entry.line ?? '?',
      });
    if (values.title !== undefined && first.values.title !== undefined && values.title !== first.values.title)
      return add(entry, 'title', 'competences.import.title_conflict', {
        code: values.code,
        line: first.entry.line ?? '?',
      });
    first.values.title ??= values.title;
    first.values.description ??= values.description;
  };
  for (const entry of parsed.profiles) {
    const values = valid(parentRowSchema, entry);
    if (values) mergeParent(out.profiles, entry, values, () => true);
  }
  for (const entry of parsed.areas) {
    const values = valid(parentRowSchema, entry);
    if (values)
      mergeParent(
        out.areas,
        entry,
        { ...values, profileCode: entry.parent ?? '' },
        (a) => a.profileCode === entry.parent,
      );
  }
  for (const entry of parsed.competences) {
    const values = valid(competenceRowSchema, entry);
    if (!values) continue;
    const first = out.competences.get(values.code);
    if (first)
      add(entry, 'code', 'competences.import.duplicate_code', { code: values.code, line: first.entry.line ?? '?' });
    else out.competences.set(values.code, { values: { ...values, areaCode: entry.parent ?? '' }, entry });
  }
  const unreadable = Object.keys(parsed.problems).length > 0;
  if (!parsed.profiles.length && !unreadable && !Object.keys(problems).length)
    problems.file = { key: 'competences.import.empty' };
  return { rows: out, problems };
}

/** The fields whose values differ. */
const changedFields = (before: Record<string, unknown>, after: Record<string, unknown>, fields: string[]) =>
  fields.filter((f) => (before[f] ?? null) !== (after[f] ?? null));

/** The repertory compared with the checked rows: each code's change, and the values to write. */
async function planFor(
  db: DbOrTx,
  rows: CheckedRows,
): Promise<{ plan: Omit<ImportPlan, 'applied'>; writes: Writes; problems: FieldErrors }> {
  const stored = await q.repertoryRowsByCodes(db, {
    profiles: [...rows.profiles.keys()],
    areas: [...rows.areas.keys()],
    competences: [...rows.competences.keys()],
  });
  const problems: FieldErrors = {};
  const changes: ImportChange[] = [];
  const writes: Writes = { profiles: [], areas: [], competences: [] };
  const record = <T extends { code: string; title: string }>(
    kind: ChangeKind,
    list: T[],
    value: T,
    before: Record<string, unknown> | undefined,
    fields: string[],
  ) => {
    const diff = before ? changedFields(before, value, fields) : fields;
    const action: ChangeAction = !before ? 'new' : diff.length ? 'updated' : 'unchanged';
    changes.push({ kind, code: value.code, title: value.title, action, fields: action === 'updated' ? diff : [] });
    if (action !== 'unchanged') list.push(value);
  };
  for (const [code, { values, entry }] of rows.profiles) {
    const before = stored.profiles.find((p) => p.code === code);
    if (!before && values.title === undefined)
      problems[entry.at('code')] = { key: 'competences.import.unknown_profile', params: { code } };
    const value = {
      code,
      title: values.title ?? before?.title ?? '',
      description: values.description ?? before?.description ?? '',
    };
    record('profile', writes.profiles, value, before, ['title', 'description']);
  }
  for (const [code, { values, entry }] of rows.areas) {
    const before = stored.areas.find((a) => a.code === code);
    if (!before && values.title === undefined)
      problems[entry.at('code')] = { key: 'competences.import.unknown_area', params: { code } };
    const value = {
      code,
      profileCode: values.profileCode,
      title: values.title ?? before?.title ?? '',
      description: values.description ?? before?.description ?? '',
    };
    record('area', writes.areas, value, before, ['title', 'description', 'profileCode']);
  }
  for (const [code, { values }] of rows.competences) {
    const before = stored.competences.find((c) => c.code === code);
    const value = {
      code,
      areaCode: values.areaCode,
      title: values.title,
      description: values.description ?? before?.description ?? '',
      knowledge: values.knowledge ?? before?.knowledge ?? '',
      skills: values.skills ?? before?.skills ?? '',
      eqfLevel: values.eqfLevel === undefined ? (before?.eqfLevel ?? null) : values.eqfLevel,
      escoUri: values.escoUri === undefined ? (before?.escoUri ?? null) : values.escoUri,
    };
    record('competence', writes.competences, value, before, [
      'title',
      'description',
      'knowledge',
      'skills',
      'eqfLevel',
      'escoUri',
      'areaCode',
    ]);
  }
  const counts = { new: 0, updated: 0, unchanged: 0 };
  for (const c of changes) counts[c.action]++;
  return { plan: { changes, counts }, writes, problems };
}
