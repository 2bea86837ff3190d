// The practice form's fields ⇄ the service's input: the repeatable rows (indicators, links,
// components, kit items) arrive as parallel lists of fields, one per column, and empty rows are
// left out; and the form's choices, rows and files for the template.
import type { Request } from 'express';
import type { Deps } from '../../core/deps.ts';
import type { AttachmentView } from '../attachments/attachments.service.ts';
import {
  KIT_KINDS,
  MAX_PRACTICE_FILES,
  MAX_ROWS,
  PRACTICE_THEMES,
  REGIONS,
  TERRITORIAL_LEVELS,
} from './practices.schema.ts';
import { organizationChoices } from './practices.read.service.ts';

type Body = Record<string, unknown>;

/** Each row group: its input key → the form field of each column. */
export const ROW_FIELDS = {
  indicators: { name: 'indicatorName', value: 'indicatorValue', unit: 'indicatorUnit', date: 'indicatorDate' },
  links: { label: 'linkLabel', url: 'linkUrl' },
  components: { code: 'componentCode', title: 'componentTitle', description: 'componentDescription' },
  kit: { kind: 'kitKind', title: 'kitTitle', url: 'kitUrl', attachmentId: 'kitFile' },
} as const;
type Group = keyof typeof ROW_FIELDS;
const GROUPS = Object.keys(ROW_FIELDS) as Group[];

/** Empty rows offered after the filled ones (a script adds more on request). */
const SPARE_ROWS = 2;

/**
 * The most fields the form may send: its own (about thirty), the files it carries and removes, the
 * co-owners chosen, and every row of every group at its maximum plus the spare ones.
 */
export const PRACTICE_FORM_MAX_FIELDS =
  40 +
  2 * MAX_PRACTICE_FILES +
  100 +
  GROUPS.reduce((n, g) => n + Object.keys(ROW_FIELDS[g]).length * (MAX_ROWS[g] + 2 * SPARE_ROWS), 0);

const listOf = (v: unknown): string[] =>
  v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map((x) => String(x));

/** The rows of a group from its parallel column fields, empty rows left out. */
function rowsOf(body: Body, group: Group): Record<string, string>[] {
  const fields = ROW_FIELDS[group] as Record<string, string>;
  const columns = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, listOf(body[field])]));
  const count = Math.max(0, ...Object.values(columns).map((c) => c.length));
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < count; i++) {
    const row = Object.fromEntries(Object.keys(fields).map((k) => [k, (columns[k]![i] ?? '').trim()]));
    if (Object.values(row).some(Boolean)) rows.push(row);
  }
  return rows;
}

/** The form's fields as the service's input. */
export function formInputOf(body: Body) {
  const rest: Body = { ...body };
  delete rest._csrf;
  for (const group of GROUPS) for (const field of Object.values(ROW_FIELDS[group])) delete rest[field];
  return {
    ...rest,
    coOwners: listOf(body.coOwners),
    ...Object.fromEntries(GROUPS.map((g) => [g, rowsOf(body, g)])),
    attachmentIds: listOf(body.attachmentIds),
    removeAttachmentIds: listOf(body.removeAttachmentIds),
  };
}

/** A practice's values (practiceFormValues) as the form's fields. */
export function formBodyOf(values: Body & { tags: string[]; coAuthors: string[] }) {
  const body: Body = {
    ...values,
    tags: values.tags.join(', '),
    competenceCodes: ((values.competenceCodes as string[] | undefined) ?? []).join(', '),
    coAuthors: values.coAuthors.map((h) => `@${h}`).join(', '),
    contact: values.contact ? `@${String(values.contact)}` : '',
  };
  for (const group of GROUPS) {
    const rows = (values[group] as Record<string, unknown>[] | undefined) ?? [];
    delete body[group];
    for (const [key, field] of Object.entries(ROW_FIELDS[group]))
      body[field] = rows.map((r) => (r[key] === null || r[key] === undefined ? '' : String(r[key])));
  }
  return body;
}

/** The form's choices, its rows with their errors, and the files already attached. */
export async function formContext(
  deps: Deps,
  req: Request,
  state: { values: Body; errors: Record<string, string>; hasErrors: boolean },
  files: AttachmentView[],
  currentOrganizationId?: number,
) {
  const input = formInputOf(state.values);
  const option = (prefix: string, current: unknown) => (value: string) => ({
    value,
    label: prefix ? `${prefix}.${value}` : value,
    selected: Array.isArray(current) ? current.includes(value) : value === current,
  });
  const groups = Object.fromEntries(
    GROUPS.map((group) => {
      const filled = (input as Record<string, unknown>)[group] as Record<string, string>[];
      const rows = [...filled, ...Array.from({ length: SPARE_ROWS }, () => ({}) as Record<string, string>)];
      return [
        group,
        rows.map((row, i) => ({
          index: i,
          number: i + 1,
          ...Object.fromEntries(
            Object.entries(ROW_FIELDS[group]).map(([key, field]) => [
              key,
              {
                name: field,
                id: `f-${group}.${i}.${key}`,
                value: row[key] ?? '',
                error: state.errors[`${group}.${i}.${key}`],
              },
            ]),
          ),
          kindOptions: group === 'kit' ? KIT_KINDS.map(option('practices.kit_kinds', row.kind ?? '')) : undefined,
          fileOptions:
            group === 'kit'
              ? files.map((f) => ({
                  value: String(f.id),
                  label: f.filename,
                  selected: String(f.id) === row.attachmentId,
                }))
              : undefined,
        })),
      ];
    }),
  );
  const organizations = await organizationChoices(deps, req.user ?? null, currentOrganizationId);
  const removing = new Set(input.removeAttachmentIds);
  return {
    ...state,
    organizationOptions: organizations.lead.map((o) => ({
      value: o.slug,
      label: o.name,
      selected: o.slug === (state.values.organization ?? ''),
    })),
    coOwnerOptions: organizations.all.map((o) => ({
      value: o.slug,
      label: o.name,
      selected: input.coOwners.includes(o.slug),
    })),
    regionOptions: REGIONS.map(option('', state.values.region)),
    themeOptions: PRACTICE_THEMES.map(option('practices.themes', state.values.theme)),
    levelOptions: TERRITORIAL_LEVELS.map(option('practices.levels', state.values.territorialLevel ?? 'regional')),
    rows: groups,
    files: files.map((f) => ({ ...f, remove: removing.has(String(f.id)) })),
    pendingIds: input.attachmentIds,
    fileError: state.errors.files ?? state.errors.attachmentIds,
    rowErrors: Object.fromEntries(GROUPS.map((g) => [g, state.errors[g]])),
  };
}
