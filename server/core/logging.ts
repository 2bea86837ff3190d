// JSON logs (pino) on standard output, through a destination that never stands in the way of a
// request or of stopping the process.
import { pino, type DestinationStream, type Logger } from 'pino';
import sonicBoom from 'sonic-boom';
import type { Config } from '../config.ts';

/** A log destination that can also be flushed before the process exits. */
export type LogDestination = DestinationStream & { flush(): Promise<void> };

let stdout: LogDestination | undefined;

/**
 * Standard output, written asynchronously (a request never waits for the log). When writing fails,
 * typically because the reader of the pipe is gone (the parent process exited: EPIPE), logging
 * stops for good instead of retrying. At exit what is still buffered is written once, and a failure
 * then is ignored: pino's default destination (sonic-boom 4) retries that last write forever on a
 * broken pipe, and a server told to stop spun there and never exited. One per process, shared by
 * every logger.
 */
export function stdoutDestination(fd = 1): LogDestination {
  if (stdout) return stdout;
  const stream = new sonicBoom.SonicBoom({ fd, sync: false });
  let broken = false;
  stream.on('error', () => {
    broken = true;
  });
  process.once('exit', () => {
    if (broken) return;
    try {
      stream.flushSync();
    } catch {
      // nothing more can be said
    }
  });
  stdout = {
    write: (line: string) => {
      if (!broken) stream.write(line);
    },
    flush: () =>
      new Promise<void>((resolve) => {
        if (broken) return resolve();
        // Give up after a second rather than wait on a reader that stopped reading.
        const timer = setTimeout(resolve, 1_000);
        stream.flush(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
  return stdout;
}

const nowhere: LogDestination = { write: () => {}, flush: async () => {} };

export function createLogger(config: Pick<Config, 'logLevel' | 'env'>, destination?: LogDestination): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    destination ?? (config.logLevel === 'silent' ? nowhere : stdoutDestination()),
  );
}

/** Writes out what the process logged so far (before a deliberate exit). */
export const flushLogs = (): Promise<void> => stdout?.flush() ?? Promise.resolve();
