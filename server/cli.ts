// Command line: npm run cli -- <command>. Each command boots the database, does one thing, exits.
import { Command, InvalidArgumentError } from 'commander';
import { migrate } from '../models/migrate.ts';
import { ROLES, type Role } from '../models/schema.ts';
import { boot } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { backup, BackupError, restore } from './core/backup.ts';
import type { Deps } from './core/deps.ts';
import { AppError } from './core/errors.ts';
import { translateFields, translator } from './core/i18n.ts';
import { createLogger } from './core/logging.ts';
import { seedDemo } from './demo/seed.ts';
import { createUser } from './features/accounts/accounts.service.ts';
import { CourseFilesError, formatProblem } from './features/courses/courses.files.ts';
import { importCourses, importCoursesOnFirstStart } from './features/courses/courses.import.ts';
import { seedCourseDemo } from './demo/seed-courses.ts';
import { seedNewsletterDemo } from './demo/seed-newsletter.ts';
import { importRepertoryFile } from './features/competences/competences.import.service.ts';
import { seedBookletDemo } from './demo/seed-booklet.ts';
import { seedQuestionnaireDemo } from './demo/seed-questionnaires.ts';
import {
  QuestionnaireFilesError,
  formatProblem as formatQuestionnaireProblem,
} from './features/questionnaires/questionnaires.files.ts';
import { importQuestionnaires } from './features/questionnaires/questionnaires.service.ts';
import { rotateSigningKey } from './features/credentials/credentials.service.ts';
import path from 'node:path';
import { ROOT_DIR } from './config.ts';

const t = translator('it');

async function withDeps<T>(fn: (deps: Deps) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  // A command delivers no events: a running server takes what it records at once (see core/outbox.ts).
  const config = { ...loadConfig(), eventDispatch: false };
  const deps = await boot({
    config,
    log: createLogger({ ...config, logLevel: process.env.LOG_LEVEL ?? 'warn' }),
    // Commands sign nothing (issuing is the server's, from the events they record).
    checkKeys: false,
    ...opts,
  });
  try {
    return await fn(deps);
  } finally {
    // Events a command recorded stay in the outbox: the server delivers them.
    await deps.database.close();
  }
}

const parseRole = (value: string): Role => {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`use one of ${ROLES.join(', ')}`);
  return value as Role;
};

const program = new Command('rete-spi').description('Rete SPI: comandi di amministrazione / administration commands');

program
  .command('user:create')
  .description('crea un utente / create a user')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--password <password>')
  .option('--role <role>', 'member | animator | admin', parseRole, 'member' as Role)
  .option('--organization <slug-or-name>', 'ente di appartenenza / administration')
  .option('--job-title <title>')
  .option('--region <region>')
  .action(async (opts) => {
    const user = await withDeps((deps) =>
      createUser(deps, {
        email: opts.email,
        name: opts.name,
        password: opts.password,
        role: opts.role,
        organization: opts.organization,
        jobTitle: opts.jobTitle,
        region: opts.region,
      }),
    );
    console.log(`Utente creato / user created: #${user.id} ${user.email} (${user.role})`);
  });

program
  .command('db:migrate')
  .description('applica le migrazioni / apply database migrations')
  .action(async () => {
    const applied = await withDeps((deps) => migrate(deps.database), { migrate: false });
    console.log(
      applied.length
        ? `Migrazioni applicate / applied: ${applied.join(', ')}`
        : 'Database già aggiornato / already up to date',
    );
  });

program
  .command('demo:seed')
  .description('carica i contenuti dimostrativi / load demo content')
  .action(async () => {
    const counts = await withDeps(async (deps) => {
      const base = await seedDemo(deps);
      const courses = (await importCoursesOnFirstStart(deps)).length;
      const learning = await seedCourseDemo(deps);
      const booklet = await seedBookletDemo(deps);
      const questionnaires = await seedQuestionnaireDemo(deps);
      return { ...base, courses, ...learning, booklet, questionnaires, newsletter: await seedNewsletterDemo(deps) };
    });
    console.log(`Contenuti dimostrativi / demo content: ${JSON.stringify(counts)}`);
  });

program
  .command('courses:import')
  .argument('[dir]', 'cartella dei corsi / course folder (default: courses/)')
  .option('--replace', 'sostituisce anche i corsi creati nel browser / also replace courses created in the browser')
  .description('importa o aggiorna i corsi dai file / import or update courses from their files')
  .action(async (dir: string | undefined, opts: { replace?: boolean }) => {
    const folder = dir ?? path.join(ROOT_DIR, 'courses');
    try {
      const results = await withDeps((deps) =>
        importCourses(deps, folder, { replaceWebCourses: opts.replace === true }),
      );
      for (const r of results) {
        console.log(
          `${r.created ? 'Creato / created' : 'Aggiornato / updated'}: ${r.slug} (v${r.version}, ${r.lessons} lezioni / lessons, ${r.quizzes} verifiche / quizzes${r.published ? '' : ', bozza / draft'})`,
        );
      }
    } catch (err) {
      if (!(err instanceof CourseFilesError)) throw err;
      console.error('Nessun corso importato: correggi questi problemi / nothing imported, fix these problems:');
      for (const p of err.problems) console.error(`  ${formatProblem(p)}`);
      process.exitCode = 1;
    }
  });

program
  .command('questionnaires:import')
  .argument('[dir]', 'cartella dei questionari / questionnaire folder (default: questionnaires/)')
  .option(
    '--replace',
    'sostituisce anche i questionari scritti nel browser / also replace questionnaires written in the browser',
  )
  .description('importa o aggiorna i questionari dai file / import or update questionnaires from their files')
  .action(async (dir: string | undefined, opts: { replace?: boolean }) => {
    const folder = dir ?? path.join(ROOT_DIR, 'questionnaires');
    try {
      const results = await withDeps((deps) =>
        importQuestionnaires(deps, folder, { replaceWebQuestionnaires: opts.replace === true }),
      );
      for (const r of results)
        console.log(
          `${r.created ? 'Creato / created' : 'Aggiornato / updated'}: ${r.slug}${r.published ? '' : ' (bozza / draft)'}`,
        );
    } catch (err) {
      if (!(err instanceof QuestionnaireFilesError)) throw err;
      console.error('Nessun questionario importato: correggi questi problemi / nothing imported, fix these problems:');
      for (const p of err.problems) console.error(`  ${formatQuestionnaireProblem(p)}`);
      process.exitCode = 1;
    }
  });

program
  .command('competences:import')
  .argument('<file>', 'file JSON o CSV del repertorio / repertory file (.json or .csv)')
  .option('--dry-run', 'mostra le modifiche senza scriverle / show the changes without writing them')
  .description('importa o aggiorna il repertorio delle competenze / import into the competence repertory')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    const plan = await withDeps((deps) => importRepertoryFile(deps, file, { dryRun: opts.dryRun === true }));
    for (const c of plan.changes.filter((x) => x.action !== 'unchanged'))
      console.log(
        `${c.action === 'new' ? 'Nuovo / new' : 'Aggiornato / updated'}: ${c.kind} ${c.code}${c.fields.length ? ` (${c.fields.join(', ')})` : ''}`,
      );
    const { new: created, updated, unchanged } = plan.counts;
    console.log(
      `${plan.applied ? 'Importazione completata / imported' : 'Prova, nulla è stato scritto / dry run, nothing written'}: ${created} nuovi / new, ${updated} aggiornati / updated, ${unchanged} invariati / unchanged`,
    );
  });

program
  .command('credentials:rotate-key')
  .description(
    'nuova chiave di firma delle credenziali; le precedenti restano pubblicate / new credential signing key; old ones stay published',
  )
  .action(async () => {
    const { kid, keys } = await rotateSigningKey(loadConfig());
    console.log(`Nuova chiave attiva / new active key: ${kid} (${keys} chiavi pubblicate / keys published)`);
  });

program
  .command('backup')
  .argument('<file>', 'file JSON di destinazione / output file')
  .description('salva tutti i dati in un file / back up every table to a file')
  .action(async (file: string) => {
    const counts = await withDeps((deps) => backup(deps.database, file));
    console.log(`Backup scritto / written: ${file} ${JSON.stringify(counts)}`);
  });

program
  .command('restore')
  .argument('<file>', 'file di backup / backup file')
  .description('ripristina un backup in un database vuoto / restore a backup into an empty database')
  .action(async (file: string) => {
    const counts = await withDeps((deps) => restore(deps.database, file), { migrate: false });
    console.log(`Ripristino completato / restored: ${JSON.stringify(counts)}`);
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof AppError) {
    const fields = translateFields(t, err.fields);
    console.error(
      `${t(err.key)}${
        fields
          ? `\n${Object.entries(fields)
              .map(([k, v]) => `  ${k}: ${v}`)
              .join('\n')}`
          : ''
      }`,
    );
  } else if (err instanceof ConfigError || err instanceof BackupError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exitCode = 1;
}
