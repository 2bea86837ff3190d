// What services need from the outside world, injected so tests can supply their own.
import type { Logger } from 'pino';
import type { Database } from '../../models/db.ts';
import type { Config } from '../config.ts';
import type { EventBus } from './events.ts';
import type { Mailer } from './mail.ts';

export type Deps = {
  config: Config;
  database: Database;
  bus: EventBus;
  log: Logger;
  mailer: Mailer;
};

/** The signed-in person as services see them (null for anonymous). */
export type Actor = Express.User | null;
