// What each person sees of an event: a private group's event only its readers, on every path (pages,
// API, iCal, RSS, the activity feed); the live stream only registered people from 30 minutes before
// the start; the meeting room only registered people; and the files (iCal, RSS) calendar apps read.
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { calendarEvents } from '../../../models/schema.ts';
import { createGroup, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { bearer, createEventApi, hoursFromNow, icalUtc, parseICalendar } from './helpers.ts';

describe('calendar: who sees what', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('shows a private group’s event to its readers only, through every path', async () => {
    const member = await createUser(ctx);
    const outsider = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, {
      name: 'Rete degli osservatori',
      visibility: 'private',
      members: [member],
    });
    const event = await createEventApi(ctx.app, await bearer(ctx.app, owner), {
      title: 'Riunione riservata degli osservatori',
      group: group.slug,
    });
    const open = await createEventApi(ctx.app, await bearer(ctx.app, owner), { title: 'Evento aperto a tutti' });
    await ctx.settle();
    const [inside, outside] = [await bearer(ctx.app, member), await bearer(ctx.app, outsider)];
    const secret = 'Riunione riservata';

    const titles = (body: { events: { title: string }[] }) => body.events.map((e) => e.title);
    expect(titles((await request(ctx.app).get('/api/v1/events').set(inside).expect(200)).body)).to.deep.equal([
      'Riunione riservata degli osservatori',
      'Evento aperto a tutti',
    ]);
    expect(
      (await request(ctx.app).get(`/api/v1/events/${event.id}`).set(inside).expect(200)).body.event.group,
    ).to.deep.equal({ slug: group.slug, name: 'Rete degli osservatori' });
    await request(ctx.app).post(`/api/v1/events/${event.id}/register`).set(inside).expect(201);

    for (const auth of [outside, {}]) {
      expect(titles((await request(ctx.app).get('/api/v1/events').set(auth).expect(200)).body)).to.deep.equal([
        'Evento aperto a tutti',
      ]);
      await request(ctx.app).get(`/api/v1/events/${event.id}`).set(auth).expect(404);
      const feed = JSON.stringify((await request(ctx.app).get('/api/v1/feed').set(auth).expect(200)).body);
      expect(feed).not.to.contain(secret);
      expect(feed).to.contain('Evento aperto a tutti');
    }
    await request(ctx.app).post(`/api/v1/events/${event.id}/register`).set(outside).expect(404);
    for (const path of ['/eventi', '/eventi?vista=mese', '/eventi.ics', '/eventi/feed.xml', '/']) {
      const res = await request(ctx.app).get(path).expect(200);
      expect(res.text, path).not.to.contain(secret);
    }
    await request(ctx.app).get(`/eventi/${event.id}`).expect(404);
    await request(ctx.app).get(`/eventi/${event.id}.ics`).expect(404);
    const outsiderAgent = await signedInAgent(ctx.app, outsider.email, outsider.password);
    await outsiderAgent.get(`/eventi/${event.id}`).expect(404);
    expect((await outsiderAgent.get('/eventi').expect(200)).text).not.to.contain(secret);

    const memberAgent = await signedInAgent(ctx.app, member.email, member.password);
    expect((await memberAgent.get('/eventi').expect(200)).text).to.contain(secret);
    expect((await memberAgent.get(`/eventi/${event.id}`).expect(200)).text).to.contain(secret);
    expect((await memberAgent.get(`/eventi/${event.id}.ics`).expect(200)).text).to.contain(secret);
    expect(JSON.stringify((await request(ctx.app).get('/api/v1/feed').set(inside).expect(200)).body)).to.contain(
      secret,
    );
    // The member's own calendar file carries it, the public one never does.
    const mine = await memberAgent.get('/eventi/miei').expect(200);
    const address = /\/eventi\/calendario\/[\w-]+\.ics/.exec(mine.text)![0];
    expect((await request(ctx.app).get(address).expect(200)).text).to.contain(secret);
    expect(open.id).to.be.a('number');
  });

  it('gives the live stream to registered people from 30 minutes before the start, and the room to them only', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const [registered, stranger] = [await createUser(ctx), await createUser(ctx)];
    const stream = 'https://streaming.esempio.it/diretta-segreta';
    const room = 'https://meet.esempio.it/stanza-segreta';
    const event = await createEventApi(ctx.app, await bearer(ctx.app, animator), {
      kind: 'webinar',
      place: '',
      onlineUrl: room,
      streamingUrl: stream,
      startsAt: hoursFromNow(2).toISOString(),
      endsAt: hoursFromNow(4).toISOString(),
    });
    const [mine, theirs] = [await bearer(ctx.app, registered), await bearer(ctx.app, stranger)];
    await request(ctx.app).post(`/api/v1/events/${event.id}/register`).set(mine).expect(201);
    const read = async (auth: Record<string, string>) =>
      (await request(ctx.app).get(`/api/v1/events/${event.id}`).set(auth).expect(200)).body.event;

    // Two hours before: the room for the registered person, no stream for anyone yet.
    expect(await read(mine)).to.include({ onlineUrl: room, streamingUrl: null, mode: 'online' });
    expect(await read(theirs)).to.include({ onlineUrl: null, streamingUrl: null });
    const agent = await signedInAgent(ctx.app, registered.email, registered.password);
    const early = await agent.get(`/eventi/${event.id}`).expect(200);
    expect(early.text).not.to.contain(stream);
    expect(early.text).to.contain('Il collegamento alla diretta sarà visibile qui dalle');

    // 20 minutes before the start: the registered person sees the stream; the stranger still nothing.
    await ctx.database.db
      .update(calendarEvents)
      .set({ startsAt: hoursFromNow(1 / 3) })
      .where(eq(calendarEvents.id, event.id));
    expect((await read(mine)).streamingUrl).to.equal(stream);
    expect(await read(theirs)).to.include({ onlineUrl: null, streamingUrl: null });
    expect((await agent.get(`/eventi/${event.id}`).expect(200)).text).to.contain(stream);
    const strangerAgent = await signedInAgent(ctx.app, stranger.email, stranger.password);
    const page = (await strangerAgent.get(`/eventi/${event.id}`).expect(200)).text;
    expect(page).not.to.contain(stream).and.not.to.contain(room);
    for (const path of ['/eventi.ics', '/eventi/feed.xml', `/eventi/${event.id}.ics`]) {
      expect((await request(ctx.app).get(path).expect(200)).text, path).not.to.contain('segreta');
    }
  });

  it('writes iCal files a calendar reads: one event, the whole calendar, a person’s own by a private address', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const member = await createUser(ctx);
    const staff = await bearer(ctx.app, animator);
    // 09:30–13:00 Italian time on 15 March 2030 is 08:30–12:00 UTC (winter time, UTC+1).
    const event = await createEventApi(ctx.app, staff, {
      title: 'Evento interregionale, Firenze e Bologna',
      kind: 'interregional',
      startsAt: '2030-03-15T09:30',
      endsAt: '2030-03-15T13:00',
      place: 'Firenze; Bologna',
    });
    // Summer time: 10:00 Italian time on 10 July 2030 is 08:00 UTC.
    const summer = await createEventApi(ctx.app, staff, {
      title: 'Giornata estiva',
      startsAt: '2030-07-10T10:00',
      endsAt: '2030-07-10T12:00',
    });

    const one = await request(ctx.app).get(`/eventi/${event.id}.ics`).expect(200);
    expect(one.headers['content-type']).to.equal('text/calendar; charset=utf-8');
    const parsed = parseICalendar(one.text);
    expect(parsed.events).to.have.length(1);
    expect(parsed.events[0]).to.include({
      DTSTART: icalUtc(new Date('2030-03-15T08:30:00Z')),
      DTEND: icalUtc(new Date('2030-03-15T12:00:00Z')),
      SUMMARY: 'Evento interregionale\\, Firenze e Bologna',
      LOCATION: 'Firenze\\; Bologna',
    });
    expect(parsed.events[0]!.URL).to.match(new RegExp(`/eventi/${event.id}$`));

    const all = parseICalendar((await request(ctx.app).get('/eventi.ics').expect(200)).text);
    expect(all.events.map((e) => [e.SUMMARY, e.DTSTART])).to.deep.equal([
      ['Evento interregionale\\, Firenze e Bologna', '20300315T083000Z'],
      ['Giornata estiva', '20300710T080000Z'],
    ]);

    await request(ctx.app)
      .post(`/api/v1/events/${summer.id}/register`)
      .set(await bearer(ctx.app, member))
      .expect(201);
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    const page = await agent.get('/eventi/miei').expect(200);
    expect(page.text).to.contain('Giornata estiva').and.not.to.contain('Evento interregionale');
    const address = /\/eventi\/calendario\/([\w-]+)\.ics/.exec(page.text)!;
    const own = await request(ctx.app).get(address[0]).expect(200);
    expect(parseICalendar(own.text).events.map((e) => e.SUMMARY)).to.deep.equal(['Giornata estiva']);
    // A token altered, or made for someone else, opens nothing.
    const [id, mac] = address[1]!.split('-') as [string, string];
    await request(ctx.app)
      .get(`/eventi/calendario/${Number(id) + 1}-${mac}.ics`)
      .expect(404);
    const altered = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    await request(ctx.app).get(`/eventi/calendario/${id}-${altered}.ics`).expect(404);
    await request(ctx.app).get('/eventi/calendario/niente.ics').expect(404);
  });

  it('gives a person a new private calendar address on request; the old one stops working', async () => {
    const [member, other] = [await createUser(ctx), await createUser(ctx)];
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    const otherAgent = await signedInAgent(ctx.app, other.email, other.password);
    const addressOf = (html: string) => /\/eventi\/calendario\/[\w-]+\.ics/.exec(html)![0];
    const page = await agent.get('/eventi/miei').expect(200);
    const old = addressOf(page.text);
    const others = addressOf((await otherAgent.get('/eventi/miei').expect(200)).text);
    await request(ctx.app).get(old).expect(200);
    expect(page.text).to.contain('Genera un nuovo indirizzo');

    // A form without its CSRF token changes nothing.
    await agent.post('/eventi/miei/nuovo-indirizzo').type('form').send({}).expect(403);
    await request(ctx.app).get(old).expect(200);
    await agent
      .post('/eventi/miei/nuovo-indirizzo')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303)
      .expect('location', '/eventi/miei');
    const after = await agent.get('/eventi/miei').expect(200);
    expect(after.text).to.contain('Nuovo indirizzo generato: quello precedente non funziona più.');
    const fresh = addressOf(after.text);
    expect(fresh).not.to.equal(old);
    await request(ctx.app).get(old).expect(404);
    await request(ctx.app).get(fresh).expect(200);
    // Another person's address is theirs alone: unchanged.
    await request(ctx.app).get(others).expect(200);
    // Twice: each new address replaces the one before.
    await agent
      .post('/eventi/miei/nuovo-indirizzo')
      .type('form')
      .send({ _csrf: csrfFrom(after.text) })
      .expect(303);
    await request(ctx.app).get(fresh).expect(404);
    await request(ctx.app)
      .get(addressOf((await agent.get('/eventi/miei').expect(200)).text))
      .expect(200);
    await request(ctx.app).get('/eventi/calendario/9999999999-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics').expect(404);
  });

  it('publishes the coming events as RSS 2.0, announced in the page head and by a visible link', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    await createEventApi(ctx.app, await bearer(ctx.app, animator), {
      title: 'Webinar <Labor> & sportello unico',
      kind: 'webinar',
      startsAt: '2030-04-02T15:00',
      endsAt: '2030-04-02T16:30',
    });
    const rss = await request(ctx.app).get('/eventi/feed.xml').expect(200);
    expect(rss.headers['content-type']).to.equal('application/rss+xml; charset=utf-8');
    expect(rss.text).to.match(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<rss version="2.0"/);
    const channel = /<channel>([\s\S]*)<\/channel>/.exec(rss.text)![1]!;
    expect(channel)
      .to.match(/<title>Rete SPI – prossimi eventi<\/title>/)
      .and.to.match(/<link>http[^<]+\/eventi<\/link>/);
    expect(channel).to.match(/<description>[^<]+<\/description>/);
    const items = channel.match(/<item>[\s\S]*?<\/item>/g)!;
    expect(items).to.have.length(1);
    // Readers take the title as HTML: its markup characters come escaped.
    expect(items[0]).to.contain('<title><![CDATA[Webinar &lt;Labor&gt; &amp; sportello unico]]></title>');
    expect(items[0]).to.match(/<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
    expect(items[0]).to.match(/<guid[^>]*>http[^<]+\/eventi\/\d+<\/guid>/);
    expect(items[0]).to.contain('martedì 2 aprile 2030, 15:00–16:30');

    const page = await request(ctx.app).get('/eventi').expect(200);
    const head = page.text.slice(0, page.text.indexOf('</head>'));
    expect(head).to.contain(
      '<link rel="alternate" type="application/rss+xml" title="Rete SPI – prossimi eventi" href="/eventi/feed.xml">',
    );
    const body = page.text.slice(page.text.indexOf('<body'));
    expect(body).to.match(/<a [^>]*href="\/eventi\/feed.xml"[^>]*>[\s\S]*?Feed RSS dei prossimi eventi<\/a>/);
  });
});
