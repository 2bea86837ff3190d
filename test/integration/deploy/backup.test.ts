// The deployment's backup (deploy/backup.sh, run daily by retespi-backup.timer) and restore
// (deploy/restore.sh), as an operator runs them: real scripts, settings from the environment, one
// installation backed up and restored into another, empty one. The archive holds what the CLI's
// `backup` leaves out: the uploaded attachments and the credential signing keys.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { boot } from '../../../server/boot.ts';
import { loadConfig, ROOT_DIR } from '../../../server/config.ts';
import type { Deps } from '../../../server/core/deps.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { openForDownload, uploadAttachment } from '../../../server/features/attachments/attachments.service.ts';
import { createUser } from '../../factories.ts';
import { ownDatabaseUrl } from '../../helpers/process.ts';

type Run = { code: number | null; out: string };

/** Runs one of deploy/'s scripts with only the given settings (and PATH), as systemd would. */
const script = (name: string, args: string[], env: Record<string, string>) =>
  new Promise<Run>((resolve, reject) => {
    const child = spawn(path.join(ROOT_DIR, 'deploy', name), args, {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => (clearTimeout(timer), resolve({ code, out })));
  });

describe('deployment: daily backup with rotation, and restore into an empty installation (deploy/)', function () {
  this.timeout(120_000);

  let dir = '';
  let maintenanceUrl = '';
  const databases: string[] = [];
  const opened: Deps[] = [];

  /** A database of our own on the test's server, empty. */
  const freshDatabase = async (purpose: string) => {
    const { url, name } = ownDatabaseUrl(process.env.DATABASE_URL!, purpose);
    const admin = new pg.Client({ connectionString: maintenanceUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    databases.push(name);
    return url;
  };

  const open = async (env: Record<string, string>) => {
    const deps = await boot({ config: loadConfig({ NODE_ENV: 'test', ...env }) });
    opened.push(deps);
    return deps;
  };

  before(function () {
    // The scripts drive the CLI on a PostgreSQL server, as in production; the PGlite pass of the
    // suite (embedded database, one process) skips this file.
    if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) return this.skip();
    const m = new URL(process.env.DATABASE_URL!);
    m.pathname = '/postgres';
    maintenanceUrl = m.toString();
    dir = mkdtempSync(path.join(os.tmpdir(), 'retespi-deploy-backup-'));
  });

  after(async function () {
    // Dropping a database makes the server checkpoint: seconds, and more beside a busy core.
    this.timeout(120_000);
    for (const deps of opened.splice(0)) await deps.database.close();
    if (maintenanceUrl) {
      const admin = new pg.Client({ connectionString: maintenanceUrl });
      await admin.connect();
      for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('archives the database, the attachments and the signing keys, keeps the newest BACKUP_KEEP, and restores them', async () => {
    // The installation to back up: a person, an uploaded file (on disk), a signing key (on disk).
    const source = { DATABASE_URL: await freshDatabase('deploy_src'), DATA_DIR: path.join(dir, 'source') };
    const deps = await open(source);
    const user = await createUser(deps, { name: 'Persona Da Salvare' });
    const content = Buffer.from(`%PDF-1.4\nverbale della riunione ${Date.now()}\n`);
    const uploaded = await uploadAttachment(deps, toSessionUser(user), {
      buffer: content,
      originalname: 'verbale.pdf',
      size: content.length,
      mimetype: 'application/pdf',
    });
    const keyFiles = readdirSync(deps.config.credentialsKeyDir);
    expect(keyFiles).to.have.length.greaterThan(0);

    // Two runs with BACKUP_KEEP=1: the older archive goes.
    const backups = path.join(dir, 'backups');
    const runs: Run[] = [];
    for (let i = 0; i < 2; i++)
      runs.push(await script('backup.sh', [], { ...source, BACKUP_DIR: backups, BACKUP_KEEP: '1' }));
    for (const r of runs) expect(r.code, r.out).to.equal(0);
    const oldest = /Backup scritto \/ written: (\S+)/.exec(runs[0]!.out)![1]!;
    expect(runs[1]!.out).to.contain(`Rimosso / removed: ${oldest}`);
    const archives = readdirSync(backups).sort();
    expect(archives).to.have.length(1);
    expect(archives.every((a) => /^retespi-\d{8}T\d{6}\.\d{3}Z\.tar\.gz$/.test(a))).to.equal(true);
    expect(path.basename(oldest) < archives[0]!).to.equal(true);
    // Password hashes and private keys inside: readable by the owner only.
    expect(statSync(path.join(backups, archives[0]!)).mode & 0o777).to.equal(0o600);

    // Restore into a new, empty installation.
    const target = { DATABASE_URL: await freshDatabase('deploy_dst'), DATA_DIR: path.join(dir, 'target') };
    const archive = path.join(backups, archives[0]!);
    const restored = await script('restore.sh', [archive], target);
    expect(restored.code, restored.out).to.equal(0);
    expect(restored.out).to.contain('Ripristino completato / restored');

    const after = await open(target);
    const rows = await after.database.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [user.id]);
    expect(rows).to.deep.equal([{ email: user.email }]);
    const download = await openForDownload(after, toSessionUser(user), uploaded.id);
    expect(readFileSync(download.path).equals(content)).to.equal(true);
    expect(readdirSync(after.config.credentialsKeyDir).sort()).to.deep.equal(keyFiles.sort());
    for (const f of keyFiles) {
      expect(readFileSync(path.join(after.config.credentialsKeyDir, f), 'utf8')).to.equal(
        readFileSync(path.join(deps.config.credentialsKeyDir, f), 'utf8'),
      );
    }

    // A second restore would mix two installations: refused, saying why, before touching anything.
    const again = await script('restore.sh', [archive], target);
    expect(again.code).to.equal(1);
    expect(again.out).to.match(/La cartella non è vuota \/ the folder is not empty/);
    const missing = await script('restore.sh', [path.join(dir, 'nessuno.tar.gz')], target);
    expect(missing.code).to.equal(2);
    expect(missing.out).to.contain('file non trovato / file not found');
  });
});
