// Fills deploy/nginx/retespi.conf.template and prints the nginx site file. Used in production
// (README, "In produzione / Production") and by the deployment test, so both run the same file.
//   node deploy/render-nginx.ts --server-name spi.example.it --ports 3001,3002 --app-dir /srv/retespi
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Most files one form may carry (a post's or a practice's attachments: server/core/uploads.ts callers). */
export const MAX_FILES_PER_REQUEST = 10;

export type SiteOptions = {
  serverName: string;
  /** nginx's `listen` value: `80`, or `127.0.0.1:8080` in a test. */
  listen: string;
  /** The app processes, `host:port` each. */
  upstreams: string[];
  /** The checkout the processes run from (its public/ and node_modules/ are served as static files). */
  appDir: string;
  accessLog: string;
  /** ATTACHMENT_MAX_BYTES of the app. */
  attachmentMaxBytes: number;
};

const TEMPLATE = path.join(import.meta.dirname, 'nginx/retespi.conf.template');

/** The body limit nginx applies: every file of the largest form at its maximum, plus 5 MB of fields. */
export function clientMaxBodySize(attachmentMaxBytes: number): string {
  return `${Math.ceil((MAX_FILES_PER_REQUEST * attachmentMaxBytes) / (1024 * 1024)) + 5}m`;
}

export function renderSite(o: SiteOptions): string {
  if (!o.upstreams.length) throw new Error('at least one app process (--ports) is needed');
  const values: Record<string, string> = {
    SERVER_NAME: o.serverName,
    LISTEN: o.listen,
    // A process that fails (stopping, down) gets no requests for 5 s, then is tried again.
    UPSTREAM_SERVERS: o.upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join('\n'),
    APP_DIR: o.appDir.replace(/\/$/, ''),
    ACCESS_LOG: o.accessLog,
    CLIENT_MAX_BODY_SIZE: clientMaxBodySize(o.attachmentMaxBytes),
  };
  return readFileSync(TEMPLATE, 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`unknown placeholder ${whole} in ${TEMPLATE}`);
    return value;
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      'server-name': { type: 'string', default: 'localhost' },
      listen: { type: 'string', default: '80' },
      host: { type: 'string', default: '127.0.0.1' },
      ports: { type: 'string', default: '3001,3002' },
      'app-dir': { type: 'string', default: path.resolve(import.meta.dirname, '..') },
      'access-log': { type: 'string', default: '/var/log/nginx/retespi.access.log' },
      'attachment-max-bytes': { type: 'string', default: process.env.ATTACHMENT_MAX_BYTES ?? String(10 * 1024 * 1024) },
    },
  });
  const ports = values.ports.split(',').map((p) => p.trim());
  const bytes = Number(values['attachment-max-bytes']);
  if (ports.some((p) => !/^\d{1,5}$/.test(p)) || !Number.isInteger(bytes) || bytes <= 0) {
    console.error(
      '--ports: numeri separati da virgola / comma-separated numbers; --attachment-max-bytes: un intero / an integer',
    );
    process.exit(2);
  }
  process.stdout.write(
    renderSite({
      serverName: values['server-name'],
      listen: values.listen,
      upstreams: ports.map((p) => `${values.host}:${p}`),
      appDir: values['app-dir'],
      accessLog: values['access-log'],
      attachmentMaxBytes: bytes,
    }),
  );
}
