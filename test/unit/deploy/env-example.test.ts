// deploy/retespi.env.example is the production settings file's starting point: it names every
// variable the app reads (server/config.ts), and as written it is a valid configuration once the one
// secret is filled in — and refused while that secret is empty.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clientMaxBodySize, renderSite } from '../../../deploy/render-nginx.ts';
import { ConfigError, loadConfig, ROOT_DIR } from '../../../server/config.ts';

const example = readFileSync(path.join(ROOT_DIR, 'deploy/retespi.env.example'), 'utf8');

/** The file as systemd's EnvironmentFile reads it: KEY=VALUE lines, double quotes removed. */
const settings = Object.fromEntries(
  example
    .split('\n')
    .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
    .filter((m) => m !== null)
    .map((m) => [m[1]!, m[2]!.replace(/^"(.*)"$/, '$1')]),
);

describe('deploy/: the example settings file and the nginx template', () => {
  it('documents every environment variable server/config.ts reads', () => {
    const source = readFileSync(path.join(ROOT_DIR, 'server/config.ts'), 'utf8');
    const schema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)![1]!;
    const names = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(names).to.include.members(['DATABASE_URL', 'SESSION_SECRET', 'TRUST_PROXY', 'WEBHOOK_POLL_MS']);
    const missing = names.filter((name) => !new RegExp(`\\b${name}\\b`).test(example));
    expect(missing, 'variables missing from deploy/retespi.env.example').to.deep.equal([]);
  });

  it('is a production configuration that starts only once SESSION_SECRET is set', () => {
    expect(() => loadConfig(settings)).to.throw(ConfigError, /SESSION_SECRET/);
    const config = loadConfig({ ...settings, SESSION_SECRET: 'x'.repeat(48), PORT: '3001' });
    expect(config).to.include({ env: 'production', host: '127.0.0.1', trustProxy: '127.0.0.1', secureCookies: true });
    expect(config.redisUrl).to.equal('redis://127.0.0.1:6379');
  });

  it('renders an nginx site with both processes, and a body limit that follows ATTACHMENT_MAX_BYTES', () => {
    const site = renderSite({
      serverName: 'spi.example.it',
      listen: '80',
      upstreams: ['127.0.0.1:3001', '127.0.0.1:3002'],
      appDir: '/srv/retespi/',
      accessLog: '/var/log/nginx/retespi.access.log',
      attachmentMaxBytes: 10 * 1024 * 1024,
    });
    expect(site).not.to.match(/\{\{[A-Z_]+\}\}/);
    expect(site.match(/server 127\.0\.0\.1:3001 /g)).to.have.length(2);
    expect(site).to.contain('alias /srv/retespi/public/;');
    expect(site).to.contain('client_max_body_size 105m;');
    expect(clientMaxBodySize(20 * 1024 * 1024)).to.equal('205m');
    expect(() =>
      renderSite({
        serverName: 'x',
        listen: '80',
        upstreams: [],
        appDir: '/',
        accessLog: 'off',
        attachmentMaxBytes: 1,
      }),
    ).to.throw(/at least one/);
  });
});
