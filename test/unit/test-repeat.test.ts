// The repeat runner's arguments and summary: a flaky test must be named with the runs it failed in.
import { expect } from 'chai';
// @ts-expect-error: a plain .mjs script without type declarations
import { parseArgs, summary } from '../../scripts/test-repeat.mjs';

describe('npm run test:repeat', () => {
  it('reads the number of runs, --burn and the mocha options after --', () => {
    expect(parseArgs(['5'])).to.deep.equal({ runs: 5, burn: false, mocha: [] });
    expect(parseArgs(['3', '--burn', '--', '--grep', 'live'])).to.deep.equal({
      runs: 3,
      burn: true,
      mocha: ['--grep', 'live'],
    });
    expect(() => parseArgs([])).to.throw(/how many runs/);
    expect(() => parseArgs(['5', '--fast'])).to.throw(/unexpected argument "--fast"/);
  });

  it('names each failed test with the runs it failed in, most frequent first', () => {
    const failed = (title: string, error: string) => ({ title, file: '', error });
    const text = summary(
      [
        { run: 1, ok: true, code: 0, ms: 61_000, report: { passes: 10, failures: 0, pending: 0, failed: [] } },
        {
          run: 2,
          ok: false,
          code: 1,
          ms: 59_000,
          report: {
            passes: 8,
            failures: 2,
            pending: 0,
            failed: [failed('a b', 'expected 2 to equal 1'), failed('c', 'timeout')],
          },
        },
        {
          run: 3,
          ok: false,
          code: 1,
          ms: 60_000,
          report: { passes: 9, failures: 1, pending: 0, failed: [failed('c', 'timeout')] },
        },
      ],
      3,
    );
    expect(text).to.contain('3 of 3 runs done: 1 passed, 2 failed');
    expect(text).to.contain('run 1: passed (10 passing, 0 failing, 0 pending, exit code 0, 1 min 1 s)');
    expect(text.indexOf('- c\n    failed in runs 2, 3 of 3')).to.be.greaterThan(-1);
    expect(text.indexOf('- c')).to.be.lessThan(text.indexOf('- a b'));
    expect(text).to.contain('    expected 2 to equal 1');
  });
});
