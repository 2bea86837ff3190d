// JSON logs (pino) on standard output, through a destination that never stands in the way of a
// request or of stopping the process.
import { pino, type DestinationStream, type Logger } from 'pino';
import sonicBoom from 'sonic-boom';
import type { Config } from '../config.ts';

let stdout: DestinationStream | undefined;

/**
 * Standard output, written asynchronously (a request never waits for the log). When writing fails,
 * typically because the reader of the pipe is gone (the parent process exited: EPIPE), logging
 * stops for good instead of retrying. At exit what is still buffered is written once, and a failure
 * then is ignored: pino's default destination (sonic-boom 4) retries that last write forever on a
 * broken pipe, and a server told to stop spun there and never exited. One per process, shared by
 * every logger.
 */
function stdoutDestination(): DestinationStream {
  if (stdout) return stdout;
  const stream = new sonicBoom.SonicBoom({ fd: 1, sync: false });
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
  };
  return stdout;
}

const nowhere: DestinationStream = { write: () => {} };

export function createLogger(config: Pick<Config, 'logLevel' | 'env'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    destination ?? (config.logLevel === 'silent' ? nowhere : stdoutDestination()),
  );
}
