#!/usr/bin/env node
// Runs the whole test suite (`npm test`) N times and says which tests failed in which run: a suite
// that is green once can still be flaky. `--burn` keeps a CPU busy beside it (`node -e 'for(;;){}'`),
// as a loaded CI machine would. Each run's mocha results go to a JSON file (mocha's json reporter)
// and its console output to a log, in one folder printed at the start. Exits non-zero when any run
// failed. The environment passes through (DATABASE_URL, TEST_POSTGRES_URL, CHROMIUM_PATH…), and
// arguments after `--` go to mocha.
//
//   npm run test:repeat -- 5
//   npm run test:repeat -- 3 --burn
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_x npm run test:repeat -- 2 -- --grep live
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const USAGE = 'usage: npm run test:repeat -- N [--burn] [-- mocha options]';

/** N, --burn and the mocha options after `--`, from the command line. */
export function parseArgs(argv) {
  const dashes = argv.indexOf('--');
  const own = dashes === -1 ? argv : argv.slice(0, dashes);
  const mocha = dashes === -1 ? [] : argv.slice(dashes + 1);
  let runs;
  let burn = false;
  for (const arg of own) {
    if (arg === '--burn') burn = true;
    else if (/^\d+$/.test(arg) && runs === undefined) runs = Number(arg);
    else throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
  }
  if (!runs) throw new Error(`how many runs?\n${USAGE}`);
  return { runs, burn, mocha };
}

/** What one run's JSON report says: its counts and its failed tests (hooks included). */
export function readReport(file) {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passes: report.stats.passes,
    failures: report.stats.failures,
    pending: report.stats.pending,
    failed: report.failures.map((f) => ({
      title: f.fullTitle,
      file: f.file ?? '',
      error: (f.err?.message ?? String(f.err ?? '')).split('\n')[0],
    })),
  };
}

const duration = (ms) => {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
};

/** The summary at the end: each failed run, then each failed test with the runs it failed in. */
export function summary(results, total) {
  const lines = [];
  const failedRuns = results.filter((r) => !r.ok);
  lines.push(
    `== ${results.length} of ${total} runs done: ${results.length - failedRuns.length} passed, ${failedRuns.length} failed ==`,
  );
  for (const r of results) {
    const counts = r.report
      ? `${r.report.passes} passing, ${r.report.failures} failing, ${r.report.pending} pending`
      : 'no mocha report';
    lines.push(
      `run ${r.run}: ${r.ok ? 'passed' : 'FAILED'} (${counts}, exit code ${r.code ?? r.signal}, ${duration(r.ms)})`,
    );
  }
  const byTest = new Map();
  for (const r of results) {
    for (const f of r.report?.failed ?? []) {
      const entry = byTest.get(f.title) ?? { file: f.file, runs: [], errors: new Set() };
      entry.runs.push(r.run);
      entry.errors.add(f.error);
      byTest.set(f.title, entry);
    }
  }
  if (byTest.size) {
    lines.push('', 'failed tests:');
    for (const [title, e] of [...byTest].sort((a, b) => b[1].runs.length - a[1].runs.length)) {
      lines.push(
        `- ${title}`,
        `    failed in run${e.runs.length > 1 ? 's' : ''} ${e.runs.join(', ')} of ${total}${e.file ? ` (${path.relative(process.cwd(), e.file)})` : ''}`,
      );
      for (const error of e.errors) lines.push(`    ${error}`);
    }
  }
  const unexplained = failedRuns.filter((r) => !r.report?.failed.length);
  for (const r of unexplained)
    lines.push(
      '',
      `run ${r.run} failed without a failed test in its report (exit code ${r.code ?? r.signal}): see ${r.log}`,
    );
  return lines.join('\n');
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'retespi-test-repeat-'));
  console.log(
    `test:repeat: ${options.runs} run${options.runs > 1 ? 's' : ''} of npm test${options.burn ? ', with a CPU burner' : ''}; reports and logs in ${dir}`,
  );

  // Each run is a process group of its own (npm, mocha, the servers and browsers it starts), so
  // that an interruption reaches all of it, and whatever a run leaves behind can be ended.
  let current;
  const signalRun = (signal) => {
    try {
      if (current) process.kill(-current.pid, signal);
    } catch {
      // ESRCH: the group is gone already
    }
  };
  let burner;
  if (options.burn) {
    burner = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    console.log(`test:repeat: CPU burner running (pid ${burner.pid})`);
    process.on('exit', () => burner.kill('SIGKILL'));
  }

  const results = [];
  let interrupted = false;
  const finish = (code) => {
    if (burner && burner.exitCode === null && burner.signalCode === null) burner.kill('SIGKILL');
    console.log(`\n${summary(results, options.runs)}`);
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.log(`\ntest:repeat: ${signal}: stopping the run in progress`);
      // SIGINT first (the servers shut down cleanly on it), then, after 5 s, SIGKILL.
      signalRun('SIGINT');
      const hard = setTimeout(() => {
        signalRun('SIGKILL');
        finish(130);
      }, 5_000);
      if (!current) finish(130);
      else
        current.once('exit', () => {
          clearTimeout(hard);
          signalRun('SIGKILL');
          finish(130);
        });
    });
  }

  for (let run = 1; run <= options.runs && !interrupted; run++) {
    const json = path.join(dir, `run-${run}.json`);
    const log = path.join(dir, `run-${run}.log`);
    const out = createWriteStream(log);
    const t0 = Date.now();
    console.log(`\n== run ${run} of ${options.runs} ==`);
    const child = spawn(
      'npm',
      ['test', '--', '--reporter', 'json', '--reporter-option', `output=${json}`, ...options.mocha],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    current = child;
    child.stdout.on('data', (d) => (process.stdout.write(d), out.write(d)));
    child.stderr.on('data', (d) => (process.stderr.write(d), out.write(d)));
    const [code, signal] = await new Promise((resolve) => child.once('exit', (c, s) => resolve([c, s])));
    if (interrupted) return; // the signal handler reports and exits
    signalRun('SIGTERM'); // anything the run left running
    current = undefined;
    await new Promise((resolve) => out.end(resolve));
    let report;
    try {
      report = readReport(json);
    } catch (err) {
      console.error(`test:repeat: could not read ${json}: ${err.message}`);
    }
    const ok = code === 0 && report !== undefined && report.failures === 0;
    results.push({ run, code, signal, ok, report, log, ms: Date.now() - t0 });
    const counts = report
      ? `${report.passes} passing, ${report.failures} failing, ${report.pending} pending`
      : 'no mocha report';
    console.log(`== run ${run}: ${ok ? 'passed' : 'FAILED'} (${counts}, ${duration(Date.now() - t0)}) ==`);
    for (const f of report?.failed ?? []) console.log(`   ✗ ${f.title}\n     ${f.error}`);
  }
  if (!interrupted) finish(results.every((r) => r.ok) ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
