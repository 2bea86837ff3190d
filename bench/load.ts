// `npm run load`: the load test on this machine, loopback only. Two production processes of the app
// share a PostgreSQL database made for the run (created on LOAD_POSTGRES_URL's server, dropped at the
// end) and Redis (REDIS_URL, with a channel prefix of the run's own); LOAD_MEMBERS scripted members
// act for LOAD_SECONDS while observer sockets on both processes record the live events. Prints the
// figures per action and the checks; exits 1 when a check fails (bench/load/run.ts says which).
// Knobs: LOAD_MEMBERS=200 LOAD_SECONDS=60 LOAD_GROUPS=4 LOAD_FEED_SOCKETS=3 (per process)
// LOAD_THINK_MS=1000 LOAD_DRAIN_SECONDS=30 LOAD_POSTGRES_URL=postgres://postgres@127.0.0.1:5432
// REDIS_URL=redis://127.0.0.1:6379.
import os from 'node:os';
import { z } from 'zod';
import { dropDatabase, killApps } from './load/apps.ts';
import { runLoad } from './load/run.ts';

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const parsed = z
  .object({
    LOAD_MEMBERS: count(200),
    LOAD_SECONDS: count(60),
    LOAD_GROUPS: count(4),
    LOAD_FEED_SOCKETS: count(3),
    LOAD_THINK_MS: count(1000),
    LOAD_DRAIN_SECONDS: count(30),
    LOAD_POSTGRES_URL: z.url().default('postgres://postgres@127.0.0.1:5432'),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  })
  .safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const env = parsed.data;
const databaseName = `retespi_load_${process.pid}`;
// Stopped by a signal: the app processes and the run's database go too.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    killApps();
    void dropDatabase(env.LOAD_POSTGRES_URL, databaseName)
      .catch(() => {})
      .finally(() => process.exit(130));
  });
const loadAtStart = os.loadavg()[0]!;
const started = new Date();
try {
  const result = await runLoad({
    members: env.LOAD_MEMBERS,
    seconds: env.LOAD_SECONDS,
    groups: env.LOAD_GROUPS,
    feedSockets: env.LOAD_FEED_SOCKETS,
    thinkMs: env.LOAD_THINK_MS,
    drainSeconds: env.LOAD_DRAIN_SECONDS,
    serverUrl: env.LOAD_POSTGRES_URL,
    databaseName,
    redisUrl: env.REDIS_URL,
    log: (line) => console.error(line),
  });
  console.log(result.report);
  console.log(
    `machine: ${os.availableParallelism()} CPUs, load average (1 min) ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end; started ${started.toISOString()}`,
  );
  process.exit(result.checks.every((c) => c.ok) ? 0 : 1);
} catch (err) {
  console.error(err);
  process.exit(1);
}
