// Everything a process needs before it serves or runs a command: config → logger → signing keys
// (the server) → database (migrated) → event bus. Shared by main.ts (the server) and cli.ts (commands).
import type { Logger } from 'pino';
import { migrate } from '../models/migrate.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './core/db.ts';
import type { Deps } from './core/deps.ts';
import { EventBus } from './core/events.ts';
import { createLogger } from './core/logging.ts';
import { createMailer } from './core/mail.ts';
import { checkKeyStore, keyStoreFor } from './features/credentials/credentials.keys.ts';

export async function boot(
  opts: { config?: Config; log?: Logger; migrate?: boolean; checkKeys?: boolean } = {},
): Promise<Deps> {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? createLogger(config);
  // A server that cannot sign would start, fail every issuance (retried for ever) and answer its key
  // set with errors: it stops here instead, saying why (a ConfigError: main.ts prints it and exits).
  if (opts.checkKeys !== false) {
    try {
      await checkKeyStore(keyStoreFor(config.credentialsKeyDir));
    } catch (err) {
      throw new ConfigError((err as Error).message, { cause: err });
    }
  }
  const database = await openDatabase(config.databaseUrl, { webOnly: !config.eventDispatch });
  if (opts.migrate !== false) {
    const applied = await migrate(database);
    if (applied.length) log.info({ applied }, 'database migrated');
  }
  return { config, log, database, bus: new EventBus(log), mailer: createMailer(config, database, log) };
}
