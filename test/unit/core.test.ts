import { expect } from 'chai';
import { z } from 'zod';
import { loadConfig, ConfigError } from '../../server/config.ts';
import { safeReturnPath } from '../../server/core/auth.ts';
import { paginate } from '../../server/core/pagination.ts';
import { slugify, uniqueSlug } from '../../server/core/slug.ts';
import { parseInput, zodToFields, msg } from '../../server/core/validation.ts';
import { ValidationError } from '../../server/core/errors.ts';
import { relativeTime } from '../../server/core/views.ts';

describe('slugify', () => {
  it('turns Italian names into URL-safe slugs', () => {
    expect(slugify('Comune di Forlì')).to.equal('comune-di-forli');
    expect(slugify("Valle d'Aosta – CPI Aosta")).to.equal('valle-daosta-cpi-aosta');
    expect(slugify('  ???  ')).to.equal('ente');
    expect(slugify('a'.repeat(100))).to.have.length(60);
  });

  it('finds the first free slug', async () => {
    const taken = new Set(['cpi', 'cpi-2']);
    expect(await uniqueSlug('cpi', async (s) => taken.has(s))).to.equal('cpi-3');
    expect(await uniqueSlug('nuovo', async (s) => taken.has(s))).to.equal('nuovo');
  });
});

describe('configuration', () => {
  it('refuses production without SESSION_SECRET and explains in Italian and English', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(
      ConfigError,
      /SESSION_SECRET è obbligatorio[\s\S]*SESSION_SECRET is required/,
    );
  });

  it('defaults to PGlite in DATA_DIR and turns demo content off in production', () => {
    const dev = loadConfig({});
    expect(dev.databaseUrl).to.match(/^file:\/\/.*data\/pglite$/);
    expect(dev.demoContent).to.equal(true);
    const prod = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(32),
      PUBLIC_URL: 'https://spi.regione.example.it',
    });
    expect(prod.demoContent).to.equal(false);
    expect(prod.secureCookies).to.equal(true);
  });

  it('reads TRUST_PROXY as a boolean, a hop count or addresses', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).to.equal(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).to.equal(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).to.equal('loopback');
    expect(loadConfig({}).trustProxy).to.equal(false);
  });

  it('gives each deployment its own Redis channel prefix, shared by its processes', () => {
    const a = loadConfig({ DATABASE_URL: 'postgres://db/regione_toscana' }).redisPrefix;
    expect(loadConfig({ DATABASE_URL: 'postgres://db/regione_toscana' }).redisPrefix).to.equal(a);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/regione_calabria' }).redisPrefix).not.to.equal(a);
    expect(loadConfig({ REDIS_PREFIX: 'spi-toscana' }).redisPrefix).to.equal('spi-toscana');
  });

  it('rejects a bad PORT', () => {
    expect(() => loadConfig({ PORT: 'abc' })).to.throw(ConfigError, /PORT/);
  });
});

describe('validation', () => {
  const schema = z.object({
    name: z.string().min(2, msg('name_short')),
    email: z.email(),
    region: z.enum(['Lazio']),
    age: z.number().max(10),
  });

  it('maps zod issues to i18n keys by field', () => {
    const result = schema.safeParse({ name: 'A', email: 'x', region: 'Marte', age: 99 });
    expect(result.success).to.equal(false);
    const fields = zodToFields((result as { error: z.ZodError }).error);
    expect(fields).to.deep.equal({
      name: { key: 'validation.name_short' },
      email: { key: 'validation.email' },
      region: { key: 'validation.invalid_value' },
      age: { key: 'validation.too_big', params: { max: 10 } },
    });
  });

  it('throws a ValidationError naming missing fields as required', () => {
    try {
      parseInput(schema, {});
      expect.fail('should throw');
    } catch (err) {
      expect(err).to.be.instanceOf(ValidationError);
      expect((err as ValidationError).fields?.name).to.deep.equal({ key: 'validation.required' });
    }
  });
});

describe('safeReturnPath', () => {
  it('keeps local paths and drops anything that leaves the site', () => {
    expect(safeReturnPath('/membri?region=Lazio')).to.equal('/membri?region=Lazio');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '',
      undefined,
      ['/a'],
    ]) {
      expect(safeReturnPath(bad), String(bad)).to.equal('/');
    }
  });
});

describe('relativeTime and paginate', () => {
  it('says how long ago in Italian and English', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(relativeTime(new Date(now - 61 * 86_400_000), 'it', now)).to.equal('2 mesi fa');
    expect(relativeTime(new Date(now - 3 * 3_600_000), 'en', now)).to.equal('3 hours ago');
  });

  it('builds page links that keep the filters', () => {
    const p = paginate('/membri', { region: 'Lazio', page: 2, q: undefined }, 2, 5)!;
    expect(p.prev).to.equal('/membri?region=Lazio');
    expect(p.next).to.equal('/membri?region=Lazio&page=3');
    expect(p.items.map((i) => i.n)).to.deep.equal([1, 2, 3, 4]);
    expect(paginate('/membri', {}, 1, 1)).to.equal(undefined);
  });
});
