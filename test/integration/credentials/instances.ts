// Rete SPI instances on 127.0.0.1 for the tests of credentials across platforms: each with its own
// address (PUBLIC_URL, known once it listens), keys and trust list, counting the requests it gets.
import http from 'node:http';
import { pino } from 'pino';
import type { Database } from '../../../models/db.ts';
import { createApp, type App } from '../../../server/app.ts';
import type { Deps } from '../../../server/core/deps.ts';
import { EventBus } from '../../../server/core/events.ts';
import { createMailer } from '../../../server/core/mail.ts';
import { testConfig } from '../../helpers/context.ts';
import { keyDir } from './support.ts';

export type Instance = { url: string; app: App; hits: string[]; close(): Promise<void> };

/** Listens first (the port makes PUBLIC_URL), then serves the app the config is built with. */
export async function serve(makeApp: (url: string) => Promise<App>): Promise<Instance> {
  const hits: string[] = [];
  const served: { app?: App } = {};
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    served.app!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const app = (served.app = await makeApp(url));
  return {
    url,
    app,
    hits,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** An instance over a database of its own (B), with its own keys and trust list. */
export async function instanceOn(
  database: Database,
  url: string,
  env: Record<string, string>,
): Promise<Deps & { app: App }> {
  const config = testConfig({ PUBLIC_URL: url, CREDENTIALS_KEY_DIR: await keyDir(), ...env });
  const log = pino({ level: 'silent' });
  const deps: Deps = { config, log, database, bus: new EventBus(log), mailer: createMailer(config, database, log) };
  return { ...deps, app: createApp(deps) };
}
