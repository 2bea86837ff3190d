// Page and API throughput with autocannon: `node bench/pages.ts` (PGlite in memory) or
// `DATABASE_URL=postgres://… node bench/pages.ts`. Prints requests/s and latency per route.
import { benchRoutes, demoDeps } from './lib.ts';

const deps = await demoDeps();
const [member] = await deps.database.query<{ id: number }>('SELECT id FROM users ORDER BY id LIMIT 1');
await benchRoutes(deps, [
  '/healthz',
  '/',
  '/membri',
  `/membri/${member!.id}`,
  '/enti',
  '/gruppi',
  '/gruppi/comunita-spi',
  '/attivita',
  '/api/v1/users',
  '/api/v1/feed',
]);
