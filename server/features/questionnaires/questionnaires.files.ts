// Reads questionnaire documents — folders questionnaires/<slug>/questionnaire.yml, or the YAML an
// animator pastes or uploads in the browser — and checks them completely before anything is
// written: every problem comes back with its file and line, so an author fixes them all in one pass.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isNode, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import type { Questionnaire } from '../../../models/schema.ts';
import { translator } from '../../core/i18n.ts';
import { zodToFields } from '../../core/validation.ts';
import {
  checkDefinition,
  questionnaireFileSchema,
  questionnaireSlug,
  type QuestionnaireFile,
} from './questionnaires.schema.ts';

export type FileProblem = { file: string; line: number | null; message: string };

export class QuestionnaireFilesError extends Error {
  readonly problems: FileProblem[];
  constructor(problems: FileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

export const formatProblem = (p: FileProblem) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`;
export type QuestionnaireBundle = QuestionnaireFile & { slug: string };

// Import messages are for authors at a terminal or in the browser's report: Italian first.
const t = translator('it');

function lineOf(doc: Document, lines: LineCounter, at: (string | number)[]): number | null {
  for (let n = at.length; n >= 0; n--) {
    const node = doc.getIn(at.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}

/** One questionnaire.yml text, parsed and checked: the file's content, or its problems. */
export function parseQuestionnaireText(
  text: string,
  file: string,
): { data: QuestionnaireFile; problems: [] } | { data: null; problems: FileProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    return {
      data: null,
      problems: doc.errors.map((err) => ({
        file,
        line: err.linePos?.[0]?.line ?? null,
        message: t('questionnaires.import.yaml', {
          detail: err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
        }),
      })),
    };
  }
  const parsed = questionnaireFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    return {
      data: null,
      problems: Object.entries(zodToFields(parsed.error)).map(([name, m]) => ({
        file,
        line: lineOf(doc, lines, name === '_' ? [] : name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))),
        message: name === '_' ? t(m.key, m.params ?? {}) : `«${name}»: ${t(m.key, m.params ?? {}).replace(/\.$/, '')}`,
      })),
    };
  }
  const problems = checkDefinition(parsed.data).map((p) => ({
    file,
    line: lineOf(doc, lines, p.path),
    message: t(`questionnaires.import.${p.key}`, p.params ?? {}),
  }));
  if (parsed.data.audience === 'group' && !parsed.data.group)
    problems.push({ file, line: lineOf(doc, lines, ['audience']), message: t('questionnaires.import.group_needed') });
  return problems.length ? { data: null, problems } : { data: parsed.data, problems: [] };
}

/** Every questionnaires/<slug>/questionnaire.yml under `dir`, checked (all problems, or all bundles). */
export async function readQuestionnaires(dir: string): Promise<QuestionnaireBundle[]> {
  const problems: FileProblem[] = [];
  const bundles: QuestionnaireBundle[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries)
    throw new QuestionnaireFilesError([{ file: dir, line: null, message: t('questionnaires.import.no_folder') }]);
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(entry.name, 'questionnaire.yml');
    const full = path.join(dir, file);
    if (
      !(await stat(full).then(
        () => true,
        () => false,
      ))
    )
      continue;
    if (!questionnaireSlug.safeParse(entry.name).success) {
      problems.push({
        file: entry.name,
        line: null,
        message: t('questionnaires.import.folder_slug', { slug: entry.name }),
      });
      continue;
    }
    const result = parseQuestionnaireText(await readFile(full, 'utf8'), file);
    if (result.data) bundles.push({ ...result.data, slug: entry.name });
    else problems.push(...result.problems);
  }
  if (!bundles.length && !problems.length)
    problems.push({ file: dir, line: null, message: t('questionnaires.import.none_found') });
  if (problems.length) throw new QuestionnaireFilesError(problems);
  return bundles;
}

/** A stored questionnaire written back as its YAML document (what the browser editor starts from). */
export function questionnaireToYaml(q: Questionnaire, groupSlug: string | null, authorHandle: string | null): string {
  const doc = {
    title: q.title,
    summary: q.summary,
    intro: q.intro,
    audience: q.audience,
    group: groupSlug,
    subject: q.subject,
    published: q.status === 'published',
    author: authorHandle,
    dimensions: q.definition.dimensions,
    sections: q.definition.sections,
  };
  return stringify(doc, { lineWidth: 0 });
}
