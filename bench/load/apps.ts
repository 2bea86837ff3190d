// The load test's surroundings: a PostgreSQL database of its own (created, then dropped), Redis
// checked and given a channel prefix of its own, and the app started as real production processes.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export type App = { child: ChildProcess; url: string; log: () => string; adapter: Promise<void> };

/** The URL of `name` on the server of `serverUrl` (any database path in it is replaced). */
export function databaseOn(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates `name` on the server (dropping what had that name); the returned function drops it. */
export async function createDatabase(serverUrl: string, name: string): Promise<() => Promise<void>> {
  if (!/^[a-z0-9_]+$/.test(name) || !/load/.test(name))
    throw new Error(`the load test's database "${name}" must be [a-z0-9_] and contain "load": it is dropped`);
  const admin = new pg.Client({ connectionString: databaseOn(serverUrl, 'postgres') });
  await admin.connect().catch((err: Error) => {
    throw new Error(`PostgreSQL not reachable at ${databaseOn(serverUrl, 'postgres')}: ${err.message}`, { cause: err });
  });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return () => dropDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseOn(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The app processes still running, for a driver stopped by a signal (its `finally` never runs). */
const running = new Set<ChildProcess>();
export function killApps(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Throws a clear error when nothing answers PING at `url`. */
export async function checkRedis(url: string): Promise<void> {
  const client = createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    await client.quit();
  } catch (err) {
    throw new Error(`Redis not reachable at ${url}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Starts `node server/main.ts` in production mode with `env` on a free port, resolving once it
 * listens (its log names the port). `adapter` resolves when its Socket.IO Redis adapter is attached.
 */
export function startApp(env: Record<string, string>, timeoutMs = 120_000): Promise<App> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'server/main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DEMO_CONTENT: 'never',
        ...env,
      },
    });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let out = '';
    let onAdapter = () => {};
    const adapter = new Promise<void>((r) => (onAdapter = r));
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not start in ${timeoutMs / 1000} s:\n${out.slice(-4_000)}`));
    }, timeoutMs);
    const keep = (d: Buffer) => {
      // Every request is logged (production's info level): keep only the tail, for error reports.
      out = (out + d).slice(-64_000);
      const port = /"port":(\d+)/.exec(out);
      if (port && !started) {
        started = true;
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port[1]}`, log: () => out, adapter });
      }
      if (out.includes('Redis adapter attached')) onAdapter();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`the app exited with ${code} before listening:\n${out.slice(-4_000)}`));
    });
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
export async function stopApp(app: App): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((r) => app.child.once('exit', r));
  app.child.kill('SIGTERM');
  const force = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(force);
}
