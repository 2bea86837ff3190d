// Runs the real entry points (server/main.ts, server/cli.ts) as child processes, and decides what a
// test does when something it needs from the machine (Chromium, PostgreSQL, Redis) is missing: it fails.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { ROOT_DIR } from '../../server/config.ts';

/**
 * A test or suite whose prerequisite is missing on this machine (Chromium, PostgreSQL, Redis): a
 * failure that says what is missing, never a skip. A skipped test is a claim nobody checks; the
 * README says how to install and start each of them.
 */
export function missingPrerequisite(context: Mocha.Context, reason: string): never {
  const runnable = context.test as (Mocha.Runnable & { type?: string }) | undefined;
  const what = runnable?.type === 'hook' ? runnable.parent?.fullTitle() : runnable?.fullTitle();
  throw new Error(
    `"${what ?? 'a test'}" needs what is missing here: there is ${reason} (see the README, "Test / Tests")`,
  );
}

/**
 * The URL of a database of its own, on the server of `testUrl`, for a test that starts app processes
 * (it drops and creates it). Named after the run's test database, so that runs on different test
 * databases of one server (two checkouts, two CI jobs) never drop each other's.
 */
export function ownDatabaseUrl(testUrl: string, purpose: string): { url: string; name: string } {
  const u = new URL(testUrl);
  const base =
    decodeURIComponent(u.pathname.slice(1))
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_') || 'test';
  const name = `${base}_${purpose}`.slice(0, 63);
  u.pathname = `/${name}`;
  return { url: u.toString(), name };
}

/** Runs `fn` on a connection to the maintenance database (postgres) of `serverUrl`'s server. */
async function onServer(serverUrl: string, fn: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const u = new URL(serverUrl);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await fn(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A brand-new database of its own (ownDatabaseUrl's, dropped first if an earlier run left it), for a
 * test that starts app processes on it; `drop` removes it, even with connections still open.
 */
export async function createOwnDatabase(
  testUrl: string,
  purpose: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const { url, name } = ownDatabaseUrl(testUrl, purpose);
  const drop = () => onServer(testUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  await drop();
  await onServer(testUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  return { url, name, drop };
}

export type Run = { code: number | null; stdout: string; stderr: string };

const baseEnv = (env: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  LOG_LEVEL: 'warn',
  ...env,
});

export function runNode(script: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT_DIR, script), ...args], { env: baseEnv(env), cwd: ROOT_DIR });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const cli = (args: string[], env: Record<string, string>) => runNode('server/cli.ts', args, env);

/** Starts the server and resolves once it logs the port it listens on. */
export function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT_DIR, 'server/main.ts')], {
      env: baseEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }),
      cwd: ROOT_DIR,
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
      // First start with the demo content on in-memory PGlite: migrations, the demo (now with
      // twinnings, questionnaires and their months of answers, offers), courses and questionnaires
      // imported — 86 s measured on a loaded two-core machine.
    }, 150_000);
    const onData = (d: Buffer) => {
      out += d;
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}
