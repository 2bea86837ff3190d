// Loaded by mocha before the test files of every process that runs them. In parallel mode (mocha
// --parallel: one process per job, MOCHA_WORKER_ID set) each worker gets PostgreSQL test databases of
// its own, <name>_w<id>, created here when missing, so two workers never empty each other's tables.
// In-memory PGlite needs nothing: every process has its own. Without --parallel nothing changes.
import pg from 'pg';

const worker = process.env.MOCHA_WORKER_ID;

async function ownDatabase(url) {
  if (!url || !/^postgres(ql)?:\/\//.test(url)) return url;
  const own = new URL(url);
  own.pathname = `${own.pathname}_w${worker}`;
  const name = decodeURIComponent(own.pathname.slice(1));
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount)
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((err) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another worker
      });
  } finally {
    await admin.end();
  }
  return own.toString();
}

if (worker !== undefined) {
  for (const key of ['DATABASE_URL', 'TEST_POSTGRES_URL']) {
    if (process.env[key]) process.env[key] = await ownDatabase(process.env[key]);
  }
}
