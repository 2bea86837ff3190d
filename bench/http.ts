// What the benchmarks that drive a real server process share: starting node processes (the app, the
// yardstick) and stopping them, and a JSON API call that fails loudly.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
const children = new Set<ChildProcess>();

/** Starts a node process and resolves with the port it prints ("port":N in its log, or PORT=N). */
export function start(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    children.add(child);
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
