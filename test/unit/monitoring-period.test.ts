// The monitoring period: Italian days to instants (summer time included), defaults, the five-year
// limit, the automatic bucket and the buckets' first days.
import { expect } from 'chai';
import { ValidationError } from '../../server/core/errors.ts';
import { bucketStarts, parsePeriod, periodOf } from '../../server/features/monitoring/monitoring.schema.ts';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(ValidationError);
    return err as ValidationError;
  }
  throw new Error('expected a ValidationError');
};

describe('monitoring period', () => {
  it('spans whole Italian days, on both sides of a change of time', () => {
    const p = periodOf('2026-03-02', '2026-03-29');
    expect(p.from.toISOString()).to.equal('2026-03-01T23:00:00.000Z');
    expect(p.to.toISOString()).to.equal('2026-03-29T22:00:00.000Z');
    expect(p.days).to.equal(28);
    expect(p.bucket).to.equal('week');
  });

  it('defaults to the 90 days ending today, by week', () => {
    const p = parsePeriod({}, new Date('2027-05-20T10:00:00Z'));
    expect([p.fromDay, p.toDay, p.bucket]).to.deep.equal(['2027-02-20', '2027-05-20', 'week']);
    const onlyTo = parsePeriod({ to: '2027-01-31' });
    expect(onlyTo.fromDay).to.equal('2026-11-03');
  });

  it('counts by month beyond about six months, unless a bucket is asked for', () => {
    expect(periodOf('2026-01-01', '2026-07-09').bucket).to.equal('week');
    expect(periodOf('2026-01-01', '2026-07-10').bucket).to.equal('month');
    expect(parsePeriod({ from: '2026-01-01', to: '2026-12-31', bucket: 'week' }).bucket).to.equal('week');
  });

  it('allows five years at most', () => {
    expect(periodOf('2020-01-01', '2024-12-31').days).to.equal(1827);
    expect(refusal(() => periodOf('2020-01-01', '2025-01-01')).fields).to.have.property('to');
    expect(refusal(() => periodOf('2020-02-29', '2025-03-01')).fields).to.have.property('to');
  });

  it('refuses a start after the end, impossible days and unknown buckets, naming the field', () => {
    expect(refusal(() => parsePeriod({ from: '2026-03-02', to: '2026-03-01' })).fields).to.have.property('from');
    expect(refusal(() => parsePeriod({ from: '2026-02-29' })).fields).to.have.property('from');
    expect(refusal(() => parsePeriod({ to: ['2026-02-01', '2026-02-02'] })).fields).to.have.property('to');
    expect(refusal(() => parsePeriod({ bucket: 'year' })).fields).to.have.property('bucket');
    expect(parsePeriod({ from: '2026-03-02', to: '2026-03-02' }).days).to.equal(1);
  });

  it('lists the first day of every bucket the period touches', () => {
    expect(bucketStarts(periodOf('2026-03-04', '2026-03-16'))).to.deep.equal([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ]);
    expect(bucketStarts(periodOf('2026-01-31', '2026-03-01', 'month'))).to.deep.equal([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(bucketStarts(periodOf('2027-01-03', '2027-01-03'))).to.deep.equal(['2026-12-28']);
  });
});
