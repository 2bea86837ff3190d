// What the benchmarks that drive a real server process share: starting node processes (the app, the
// yardstick) and stopping them, and a JSON API call that fails loudly.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
const children = new Set<ChildProcess>();

/** Starts a node process in the project's folder with only `env` (and PATH, HOME); `stopAll` stops it. */
export function spawnNode(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Starts a node process and resolves with the port it prints ("port":N in its log, or PORT=N). */
export function start(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawnNode(args, env);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${out}`)), 60_000);
    const look = (d: Buffer) => {
      out = (out + d).slice(-16_000);
      const m = /"port":(\d+)|PORT=(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1] ?? m[2]));
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
  });
}

/** Kills every process `start` started. */
export function stopAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** Calls `base + route` with a JSON body and an optional bearer token; throws on a non-2xx answer. */
export async function api<T = Record<string, unknown>>(
  base: string,
  method: string,
  route: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} → ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** Signs in through the login form; resolves with the session cookie. */
export async function sessionCookie(base: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${base}/accedi`);
  const jar = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const cookie = jar(form).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('no CSRF token on /accedi');
  const res = await fetch(`${base}/accedi`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  if (res.status !== 303) throw new Error(`POST /accedi → ${res.status}`);
  const session = jar(res).join('; ');
  return session || cookie;
}
