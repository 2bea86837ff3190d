import { expect } from 'chai';
import { EventBus } from '../../../server/core/events.ts';
import { FragmentCache } from '../../../server/core/fragments.ts';

describe('fragment cache', () => {
  it('loads once for concurrent and later callers, until the time to live runs out', async () => {
    let now = 1_000;
    const cache = new FragmentCache(30_000, () => now);
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('home:news', load), cache.get('home:news', load)]);
    expect([a, b, loads]).to.deep.equal([1, 1, 1]);
    now += 29_999;
    expect(await cache.get('home:news', load)).to.equal(1);
    now += 2;
    expect(await cache.get('home:news', load)).to.equal(2);
  });

  it('forgets what an event changes, and only that', async () => {
    const bus = new EventBus();
    const cache = new FragmentCache(60_000);
    cache.invalidateOn(bus, ['newsletter.sent'], 'home:news');
    let news = 0;
    let events = 0;
    await cache.get('home:news:it', async () => ++news);
    await cache.get('home:events:it', async () => ++events);
    await bus.deliver({
      id: 1,
      type: 'newsletter.sent',
      payload: { actorId: 1, objectId: 1, title: '', url: '' },
      occurredAt: new Date(),
    });
    expect(await cache.get('home:news:it', async () => ++news)).to.equal(2);
    expect(await cache.get('home:events:it', async () => ++events)).to.equal(1);
  });

  it('does not keep a failed load', async () => {
    const cache = new FragmentCache(60_000);
    await cache.get('x', () => Promise.reject(new Error('db down'))).catch(() => undefined);
    expect(await cache.get('x', async () => 'ok')).to.equal('ok');
  });
});
