// The database `npm run bench:seed` builds and `npm run bench` measures: BENCH_DATABASE_URL, by
// default the local PostgreSQL server's `retespi_bench` (its name must contain "bench": the seed
// drops it), or `pglite` for a PGlite directory, data/bench, labelled PGlite in every output.
import path from 'node:path';
import { ROOT } from './http.ts';

export type BenchTarget = {
  /** What the app's DATABASE_URL is set to. */
  url: string;
  kind: 'PostgreSQL' | 'PGlite';
  /** The database's name on the server (PostgreSQL), or the directory (PGlite). */
  name: string;
  /** The server's maintenance database, to drop and create the benchmark's (PostgreSQL only). */
  serverUrl?: string;
};

export function benchTarget(): BenchTarget {
  const raw = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/retespi_bench';
  if (raw === 'pglite') {
    const dir = path.join(ROOT, 'data', 'bench');
    return { url: `file://${dir}`, kind: 'PGlite', name: dir };
  }
  const name = decodeURIComponent(new URL(raw).pathname.slice(1));
  if (!/bench/.test(name) || !/^[a-z0-9_]+$/.test(name))
    throw new Error(
      `BENCH_DATABASE_URL names "${name}": the benchmark's seed drops it, so its name must contain "bench" (or use BENCH_DATABASE_URL=pglite)`,
    );
  return {
    url: raw,
    kind: 'PostgreSQL',
    name,
    serverUrl: Object.assign(new URL(raw), { pathname: '/postgres' }).toString(),
  };
}

/**
 * The seed's last step leaves this comment, with the date, on the posts table (COMMENT ON TABLE):
 * `npm run bench` refuses a database without it, half-built or never seeded.
 */
export const SEEDED_MARK = 'retespi bench:seed';
