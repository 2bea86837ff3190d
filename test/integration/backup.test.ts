import { expect } from 'chai';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { backup, BackupError, restore } from '../../server/core/backup.ts';
import { EventBus } from '../../server/core/events.ts';
import { createMailer } from '../../server/core/mail.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { ROOT_DIR } from '../../server/config.ts';
import { toSessionUser } from '../../server/features/accounts/accounts.service.ts';
import { importCourses } from '../../server/features/courses/courses.import.ts';
import { enrol } from '../../server/features/courses/courses.enrolment.ts';
import { completeLesson } from '../../server/features/courses/courses.lessons.ts';
import { createUser } from '../factories.ts';
import { emptyDatabase, testConfig, testContext } from '../helpers/context.ts';
import { apiToken, signedInAgent } from '../helpers/http.ts';
import { cli } from '../helpers/process.ts';

const tempFile = async (name: string) => path.join(await mkdtemp(path.join(tmpdir(), 'retespi-backup-')), name);

describe('backup and restore', function () {
  this.timeout(120_000);

  it('gives back every user, administration, group and session in an empty database', async () => {
    const ctx = await testContext();
    await seedDemo(ctx);
    const user = await createUser(ctx, { name: 'Da Salvare' });
    // Courses too: their files are binary (bytea) and must come back byte for byte, with progress.
    await importCourses(ctx, path.join(ROOT_DIR, 'courses'));
    await enrol(ctx, toSessionUser(user), 'accoglienza-profilazione-cpi');
    await completeLesson(ctx, toSessionUser(user), 'accoglienza-profilazione-cpi', 'la-profilazione');
    const cover = (await request(ctx.app).get('/corsi/accoglienza-profilazione-cpi/file/cover.svg').expect(200))
      .body as Buffer;
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const token = await apiToken(ctx.app, user.email, user.password);
    const cookie = agent.jar.getCookie('retespi.sid', {
      domain: '127.0.0.1',
      path: '/',
      secure: false,
      script: false,
    })!.value;
    const before = await ctx.database.query<{ n: number }>(
      `SELECT (SELECT count(*)::int FROM users) + (SELECT count(*)::int FROM sessions) + (SELECT count(*)::int FROM group_memberships) AS n`,
    );
    const file = await tempFile('backup.json');
    const counts = await backup(ctx.database, file);
    expect(counts.users).to.be.greaterThan(30);
    expect(counts.sessions).to.equal(1);

    // Restore into a brand-new database (whichever driver the backup came from).
    const { database: target, drop } = await emptyDatabase();
    try {
      await restore(target, file);
      const after = await target.query<{ n: number }>(
        `SELECT (SELECT count(*)::int FROM users) + (SELECT count(*)::int FROM sessions) + (SELECT count(*)::int FROM group_memberships) AS n`,
      );
      expect(after[0]!.n).to.equal(before[0]!.n);
      // Counts kept by triggers are the restored rows' own, not counted twice.
      const memberCounts = `SELECT slug, member_count AS n FROM groups ORDER BY slug`;
      const restoredCounts = await target.query<{ slug: string; n: number }>(memberCounts);
      expect(restoredCounts).to.deep.equal(await ctx.database.query(memberCounts));
      expect(restoredCounts.some((g) => g.n > 1)).to.equal(true);
      const log = pino({ level: 'silent' });
      const config = testConfig();
      const app = createApp({
        config,
        log,
        database: target,
        bus: new EventBus(log),
        mailer: createMailer(config, target, log),
      });
      // The old session cookie and the old token still work, and passwords still verify.
      const me = await request(app).get('/api/v1/me').set('cookie', `retespi.sid=${cookie}`).expect(200);
      expect(me.body.user.name).to.equal('Da Salvare');
      await request(app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
      const restoredCover = (await request(app).get('/corsi/accoglienza-profilazione-cpi/file/cover.svg').expect(200))
        .body as Buffer;
      expect(cover.length).to.be.greaterThan(100);
      expect(Buffer.compare(restoredCover, cover)).to.equal(0);
      const progress = await request(app)
        .get('/api/v1/courses/accoglienza-profilazione-cpi/progress')
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      expect(progress.body.progress.lessons.done).to.equal(1);
      await request(app).post('/api/v1/auth/token').send({ email: user.email, password: user.password }).expect(201);
      // New rows continue after the restored ids.
      const fresh = await request(app)
        .post('/api/v1/auth/register')
        .send({
          name: 'Dopo Ripristino',
          email: 'dopo@esempio.it',
          password: 'password-2026-ok',
          organization: 'CPI di Teramo',
          jobTitle: 'Operatore',
          region: 'Abruzzo',
        })
        .expect(201);
      expect(fresh.body.user.id).to.be.greaterThan(user.id);

      // A second restore would mix data: refused, nothing changed.
      let refused: unknown;
      await restore(target, file).catch((err) => (refused = err));
      expect(refused).to.be.instanceOf(BackupError);
      expect((refused as Error).message).to.contain('non è vuoto');
    } finally {
      await drop();
    }
  });

  it('refuses a file that is not a backup', async () => {
    const file = await tempFile('not-a-backup.json');
    await writeFile(file, JSON.stringify({ hello: 'world' }));
    const { database: target, drop } = await emptyDatabase();
    try {
      let error: unknown;
      await restore(target, file).catch((err) => (error = err));
      expect((error as Error).message).to.contain('non è un backup di Rete SPI');
    } finally {
      await drop();
    }
  });

  it('works end to end through the command line', async () => {
    const dirA = await mkdtemp(path.join(tmpdir(), 'retespi-cli-a-'));
    const dirB = await mkdtemp(path.join(tmpdir(), 'retespi-cli-b-'));
    const envA = { DATABASE_URL: `file://${dirA}` };
    const envB = { DATABASE_URL: `file://${dirB}` };

    const created = await cli(
      [
        'user:create',
        '--email',
        'capo@esempio.it',
        '--name',
        'Capo Piattaforma',
        '--password',
        'password-molto-sicura',
        '--role',
        'admin',
      ],
      envA,
    );
    expect(created.code, created.stderr).to.equal(0);
    expect(created.stdout).to.contain('capo@esempio.it (admin)');
    const duplicate = await cli(
      ['user:create', '--email', 'CAPO@esempio.it', '--name', 'Altro', '--password', 'password-molto-sicura'],
      envA,
    );
    expect(duplicate.code).to.equal(1);
    expect(duplicate.stderr).to.contain('già registrato');
    const badRole = await cli(
      [
        'user:create',
        '--email',
        'x@esempio.it',
        '--name',
        'X Y',
        '--password',
        'password-molto-sicura',
        '--role',
        're',
      ],
      envA,
    );
    expect(badRole.code).not.to.equal(0);
    const migrated = await cli(['db:migrate'], envA);
    expect(migrated.stdout).to.contain('già aggiornato');
    const seeded = await cli(['demo:seed'], envA);
    expect(seeded.code, seeded.stderr).to.equal(0);

    const file = path.join(dirA, 'backup.json');
    const saved = await cli(['backup', file], envA);
    expect(saved.code, saved.stderr).to.equal(0);
    const restored = await cli(['restore', file], envB);
    expect(restored.code, restored.stderr).to.equal(0);
    const again = await cli(['restore', file], envB);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.contain('non è vuoto');

    // B's own backup, written by the CLI too, holds the same people with the same password hashes
    // (read from the files rather than by opening both databases here: see emptyDatabase).
    const fileB = await tempFile('backup-b.json');
    expect((await cli(['backup', fileB], envB)).code).to.equal(0);
    const usersOf = async (f: string) =>
      (
        JSON.parse(await readFile(f, 'utf8')) as { tables: { users: { email: string; password_hash: string }[] } }
      ).tables.users
        .map((u) => ({ email: u.email, password_hash: u.password_hash }))
        .sort((x, y) => x.email.localeCompare(y.email));
    const aUsers = await usersOf(file);
    const bUsers = await usersOf(fileB);
    expect(bUsers).to.deep.equal(aUsers);
    expect(bUsers.length).to.be.greaterThan(30);
  });
});
