// Reads course folders (courses/<slug>/: course.yml, lessons/NN-<slug>.md, quizzes/<slug>.yml) and
// checks them completely before anything is written: every problem comes back with its file and
// line, so an author can fix them all in one pass.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import type { QuizQuestion } from '../../../models/schema.ts';
import { translator } from '../../core/i18n.ts';
import { zodToFields } from '../../core/validation.ts';
import {
  courseFileSchema,
  courseSlug,
  lessonFrontMatterSchema,
  normaliseQuestions,
  quizFileSchema,
  type CourseFile,
} from './courses.schema.ts';

export type FileProblem = { file: string; line: number | null; message: string };

export class CourseFilesError extends Error {
  readonly problems: FileProblem[];
  constructor(problems: FileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

export const formatProblem = (p: FileProblem) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`;

export type CourseFileAsset = { path: string; mime: string; data: Buffer };
export type LessonBundle = {
  slug: string;
  title: string;
  module: string;
  minutes: number;
  kind: 'reading' | 'video' | 'activity';
  video: string | null;
  body: string;
};
export type QuizBundle = {
  slug: string;
  title: string;
  description: string;
  passingScore: number;
  maxAttempts: number | null;
  questions: QuizQuestion[];
};
export type CourseBundle = Omit<CourseFile, 'cover'> & {
  slug: string;
  cover: string | null;
  lessons: LessonBundle[];
  quizzes: QuizBundle[];
  files: CourseFileAsset[];
};

const IMAGE_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};
const MAX_FILE_BYTES = 1024 * 1024;
const LESSON_FILE_RE = /^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const QUIZ_FILE_RE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.ya?ml$/;
// Import messages are for authors at a terminal or in the import log: Italian, as the platform's first language.
const t = translator('it');

/** A YAML text parsed with positions; `lineOffset` is where it starts in its file (front matter). */
function parseYaml(text: string, file: string, lineOffset: number, problems: FileProblem[]): { data: unknown; doc: Document; lines: LineCounter } | null {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    for (const err of doc.errors) {
      const line = err.linePos?.[0]?.line;
      const detail = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      problems.push({ file, line: line ? line + lineOffset : null, message: t('courses.import.yaml', { detail }) });
    }
    return null;
  }
  return { data: doc.toJS(), doc, lines };
}

/** The line of the value at `at`, or of its closest parent present in the file. */
function lineOf(parsed: { doc: Document; lines: LineCounter }, at: (string | number)[], lineOffset: number): number | null {
  for (let n = at.length; n >= 0; n--) {
    const node = parsed.doc.getIn(at.slice(0, n), true);
    if (isNode(node) && node.range) return parsed.lines.linePos(node.range[0]).line + lineOffset;
  }
  return null;
}

/** Zod issues as problems naming the field and the line it is on. */
function schemaProblems(error: z.ZodError, parsed: { doc: Document; lines: LineCounter }, file: string, lineOffset: number): FileProblem[] {
  const fields = zodToFields(error);
  return Object.entries(fields).map(([name, m]) => ({
    file,
    line: lineOf(parsed, name === '_' ? [] : name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), lineOffset),
    message: name === '_' ? t(m.key, m.params ?? {}) : `«${name}»: ${t(m.key, m.params ?? {}).replace(/\.$/, '')}`,
  }));
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * The regular files of a course's sub-folder. Links are refused wherever they point: a course
 * folder may come from outside, and a link could publish any file of the server.
 */
async function listDir(courseDir: string, dir: string, problems: FileProblem[], label: string): Promise<string[]> {
  const [root, real] = await Promise.all([realpath(courseDir), realpath(dir).catch(() => null)]);
  if (real === null) return [];
  if (!real.startsWith(root + path.sep)) {
    problems.push({ file: label, line: null, message: t('courses.import.not_a_file') });
    return [];
  }
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isSymbolicLink() || !e.isFile()) problems.push({ file: path.join(label, e.name), line: null, message: t('courses.import.not_a_file') });
    else names.push(e.name);
  }
  return names;
}

/** True when `target` is a regular file that really lies inside `folder` (no link leads out). */
async function insideFolder(folder: string, target: string): Promise<boolean> {
  try {
    if (!(await lstat(target)).isFile()) return false;
    const [root, real] = await Promise.all([realpath(folder), realpath(target)]);
    return real.startsWith(root + path.sep);
  } catch {
    return true; // a missing file is reported as missing
  }
}

/** Reads a file the course refers to (cover, image), checking its place and size. */
async function readAsset(courseDir: string, rel: string, file: string, line: number | null, problems: FileProblem[]): Promise<CourseFileAsset | null> {
  const normal = path.posix.normalize(rel.replace(/^\.\//, ''));
  const mime = IMAGE_TYPES[path.extname(normal).toLowerCase()];
  if (normal.startsWith('..') || path.isAbsolute(normal) || !/^[\w./-]+$/.test(normal) || !mime) {
    problems.push({ file, line, message: t('courses.import.asset_path', { path: rel }) });
    return null;
  }
  if (!(await insideFolder(courseDir, path.join(courseDir, normal)))) {
    problems.push({ file, line, message: t('courses.import.asset_path', { path: rel }) });
    return null;
  }
  const data = await readFile(path.join(courseDir, normal)).catch(() => null);
  if (!data) {
    problems.push({ file, line, message: t('courses.import.asset_missing', { path: rel }) });
    return null;
  }
  if (data.length > MAX_FILE_BYTES) {
    problems.push({ file, line, message: t('courses.import.asset_large', { path: rel }) });
    return null;
  }
  if (mime === 'image/svg+xml' && /<script|\bon\w+\s*=|javascript:/i.test(data.toString('utf8'))) {
    problems.push({ file, line, message: t('courses.import.asset_script', { path: rel }) });
    return null;
  }
  return { path: normal, mime, data };
}

/** Images a Markdown body uses by relative path: `![…](images/x.svg)`. */
export function relativeImages(body: string): { src: string; index: number }[] {
  // The classes exclude the brackets that start the next attempt, so the scan stays linear.
  return [...body.matchAll(/!\[[^[\]\n]*\]\(\s*<?([^()[\]\s>]+)>?(?:\s+"[^"\n]*")?\s*\)/g)]
    .map((m) => ({ src: m[1]!, index: m.index }))
    .filter((m) => !/^[a-z][a-z0-9+.-]*:|^\//i.test(m.src));
}

type Parsed = NonNullable<ReturnType<typeof parseYaml>>;
type CourseYml = { file: string; parsed: Parsed; result: ReturnType<typeof courseFileSchema.safeParse>; course: Pick<CourseFile, 'modules' | 'cover'> };
/** What reading one course folder carries along: where it is, how its files are named, the problems found, its assets. */
type FolderReading = {
  dir: string;
  rel: (...parts: string[]) => string;
  problems: FileProblem[];
  addAsset: (src: string, file: string, line: number | null) => Promise<void>;
};

/** course.yml, read and checked; null when it is missing or not YAML (then nothing else is checked). */
async function readCourseYml(dir: string, rel: FolderReading['rel'], problems: FileProblem[]): Promise<CourseYml | null> {
  const file = rel('course.yml');
  if (!(await insideFolder(dir, path.join(dir, 'course.yml')))) {
    problems.push({ file, line: null, message: t('courses.import.not_a_file') });
    return null;
  }
  const text = await readFile(path.join(dir, 'course.yml'), 'utf8').catch(() => null);
  if (text === null) {
    problems.push({ file, line: null, message: t('courses.import.missing_course_yml') });
    return null;
  }
  const parsed = parseYaml(text, file, 0, problems);
  if (!parsed) return null;
  const result = courseFileSchema.safeParse(parsed.data ?? {});
  if (!result.success) problems.push(...schemaProblems(result.error, parsed, file, 0));
  // With a broken course.yml the lessons and quizzes are still checked, against the modules it names.
  const raw = (parsed.data ?? {}) as { modules?: { slug?: unknown }[] };
  const course: CourseYml['course'] = result.success
    ? result.data
    : { modules: (Array.isArray(raw.modules) ? raw.modules : []).map((m) => ({ slug: String(m?.slug ?? ''), title: '', summary: '' })), cover: undefined };
  return { file, parsed, result, course };
}

/** The modules' slugs, each named once. */
function moduleSlugsOf(yml: CourseYml, problems: FileProblem[]): Set<string> {
  const moduleSlugs = new Set<string>();
  yml.course.modules.forEach((m, i) => {
    if (moduleSlugs.has(m.slug)) {
      problems.push({ file: yml.file, line: lineOf(yml.parsed, ['modules', i, 'slug'], 0), message: t('courses.import.duplicate_module', { slug: m.slug }) });
    }
    moduleSlugs.add(m.slug);
  });
  return moduleSlugs;
}

/** One lesson file: front matter checked, the images its body shows collected; null when it cannot be read. */
async function readLesson(r: FolderReading, name: string, slug: string, moduleSlugs: Set<string>): Promise<LessonBundle | null> {
  const file = r.rel('lessons', name);
  const text = (await readFile(path.join(r.dir, 'lessons', name), 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!fm) {
    r.problems.push({ file, line: 1, message: t('courses.import.front_matter') });
    return null;
  }
  const parsed = parseYaml(fm[1]!, file, 1, r.problems);
  if (!parsed) return null;
  const result = lessonFrontMatterSchema.safeParse(parsed.data ?? {});
  if (!result.success) {
    r.problems.push(...schemaProblems(result.error, parsed, file, 1));
    return null;
  }
  if (!moduleSlugs.has(result.data.module)) {
    r.problems.push({ file, line: lineOf(parsed, ['module'], 1), message: t('courses.import.unknown_module', { module: result.data.module }) });
  }
  const body = text.slice(fm[0].length).trim();
  const bodyStartLine = fm[0].split('\n').length;
  for (const image of relativeImages(body)) {
    const line = bodyStartLine + body.slice(0, image.index).split('\n').length - 1;
    await r.addAsset(image.src, file, line);
  }
  return { slug, ...result.data, video: result.data.video ?? null, body };
}

/** The lessons, in their modules' order and, within a module, in file-name order. */
async function readLessons(r: FolderReading, yml: CourseYml, moduleSlugs: Set<string>): Promise<LessonBundle[]> {
  const lessons: LessonBundle[] = [];
  const names = (await listDir(r.dir, path.join(r.dir, 'lessons'), r.problems, r.rel('lessons'))).sort();
  const slugs = new Set<string>();
  for (const name of names) {
    const file = r.rel('lessons', name);
    const match = LESSON_FILE_RE.exec(name);
    if (!match) {
      r.problems.push({ file, line: null, message: t('courses.import.lesson_name') });
      continue;
    }
    const slug = match[2]!;
    if (slugs.has(slug)) r.problems.push({ file, line: null, message: t('courses.import.duplicate_lesson', { slug }) });
    slugs.add(slug);
    const lesson = await readLesson(r, name, slug, moduleSlugs);
    if (lesson) lessons.push(lesson);
  }
  if (!names.length) r.problems.push({ file: r.rel('lessons'), line: null, message: t('courses.import.no_lessons') });
  const { modules } = yml.course;
  for (const m of modules) {
    if (lessons.length && !lessons.some((l) => l.module === m.slug)) {
      r.problems.push({ file: yml.file, line: lineOf(yml.parsed, ['modules', modules.indexOf(m)], 0), message: t('courses.import.empty_module', { slug: m.slug }) });
    }
  }
  const moduleOrder = new Map(modules.map((m, i) => [m.slug, i]));
  return lessons.sort((a, b) => (moduleOrder.get(a.module) ?? 0) - (moduleOrder.get(b.module) ?? 0));
}

/** The quizzes, in file-name order, their questions checked as the platform scores them. */
async function readQuizzes(r: FolderReading): Promise<QuizBundle[]> {
  const quizzes: QuizBundle[] = [];
  for (const name of (await listDir(r.dir, path.join(r.dir, 'quizzes'), r.problems, r.rel('quizzes'))).sort()) {
    const file = r.rel('quizzes', name);
    const match = QUIZ_FILE_RE.exec(name);
    if (!match) {
      r.problems.push({ file, line: null, message: t('courses.import.quiz_name') });
      continue;
    }
    const parsed = parseYaml(await readFile(path.join(r.dir, 'quizzes', name), 'utf8'), file, 0, r.problems);
    if (!parsed) continue;
    const result = quizFileSchema.safeParse(parsed.data ?? {});
    if (!result.success) {
      r.problems.push(...schemaProblems(result.error, parsed, file, 0));
      continue;
    }
    const { questions, problems: qp } = normaliseQuestions(result.data.questions);
    for (const p of qp) r.problems.push({ file, line: lineOf(parsed, p.path, 0), message: t(p.key, p.params ?? {}) });
    const { title, description, passingScore, maxAttempts } = result.data;
    quizzes.push({ slug: match[1]!, title, description, passingScore, maxAttempts: maxAttempts ?? null, questions });
  }
  return quizzes;
}

/** Reads and checks one course folder; the problems go to `problems`, the course comes back if there were none. */
export async function readCourseDir(dir: string, problems: FileProblem[], label = dir): Promise<CourseBundle | null> {
  const before = problems.length;
  const slug = path.basename(dir);
  const rel = (...parts: string[]) => path.join(label, ...parts);
  if (!courseSlug.safeParse(slug).success) problems.push({ file: label, line: null, message: t('courses.import.folder_slug', { slug }) });
  const yml = await readCourseYml(dir, rel, problems);
  if (!yml) return null;
  const moduleSlugs = moduleSlugsOf(yml, problems);

  // The cover and the lessons' images, each read once.
  const files: CourseFileAsset[] = [];
  const addAsset = async (src: string, file: string, line: number | null) => {
    const normal = path.posix.normalize(src.replace(/^\.\//, ''));
    if (files.some((f) => f.path === normal)) return;
    const asset = await readAsset(dir, src, file, line, problems);
    if (asset) files.push(asset);
  };
  if (yml.course.cover) await addAsset(yml.course.cover, yml.file, lineOf(yml.parsed, ['cover'], 0));
  const reading: FolderReading = { dir, rel, problems, addAsset };
  const lessons = await readLessons(reading, yml, moduleSlugs);
  const quizzes = await readQuizzes(reading);

  if (problems.length > before || !yml.result.success) return null;
  const { cover, ...rest } = yml.result.data;
  return { ...rest, slug, cover: cover ? path.posix.normalize(cover) : null, lessons, quizzes, files };
}

/** Every course folder under `root` (a folder holding course.yml, or the course folder itself). */
export async function readCourses(root: string): Promise<CourseBundle[]> {
  const problems: FileProblem[] = [];
  const absolute = path.resolve(root);
  if (!(await exists(absolute))) throw new CourseFilesError([{ file: root, line: null, message: t('courses.import.no_folder') }]);
  const dirs = (await exists(path.join(absolute, 'course.yml')))
    ? [absolute]
    : (
        await Promise.all(
          (await readdir(absolute, { withFileTypes: true }))
            .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
            .map(async (e) => ((await exists(path.join(absolute, e.name, 'course.yml'))) ? path.join(absolute, e.name) : null)),
        )
      ).filter((d): d is string => d !== null);
  if (!dirs.length) throw new CourseFilesError([{ file: root, line: null, message: t('courses.import.none_found') }]);
  const bundles: CourseBundle[] = [];
  for (const dir of dirs.sort()) {
    const label = path.relative(process.cwd(), dir) || dir;
    const bundle = await readCourseDir(dir, problems, label.startsWith('..') ? dir : label);
    if (bundle) bundles.push(bundle);
  }
  if (problems.length) throw new CourseFilesError(problems);
  return bundles;
}

/** A fingerprint of what learners see: a change to it in a published course bumps the version. */
export function contentHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

