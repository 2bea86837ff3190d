// An event's description: Markdown rendered and sanitized once, when it is written, and read as
// stored by the lists, the API and the RSS (a list of hundreds renders nothing); rows from before the
// stored HTML are rendered once, on the first read that shows them, and kept. Feed readers get the
// sanitized HTML, never the raw text, and plain text fields escaped.
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { calendarEvents } from '../../../models/schema.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { bearer, createEventApi } from './helpers.ts';

describe('calendar: event descriptions', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  const stored = async (id: number) =>
    (await ctx.database.db.select().from(calendarEvents).where(eq(calendarEvents.id, id)))[0]!;

  it('renders the description when the event is written, and lists read it as stored', async () => {
    const staff = await bearer(ctx.app, await createUser(ctx, { role: 'animator' }));
    const event = await createEventApi(ctx.app, staff, { description: 'Il **patto** di servizio' });
    expect((await stored(event.id)).descriptionHtml).to.equal('<p>Il <strong>patto</strong> di servizio</p>\n');
    await request(ctx.app)
      .patch(`/api/v1/events/${event.id}`)
      .set(staff)
      .send({ description: 'Porta il *curriculum*' })
      .expect(200);
    expect((await stored(event.id)).descriptionHtml).to.equal('<p>Porta il <em>curriculum</em></p>\n');

    // What the lists send is the stored HTML: they render nothing (a marker the Markdown cannot produce).
    await ctx.database.db
      .update(calendarEvents)
      .set({ descriptionHtml: '<p>memorizzato</p>' })
      .where(eq(calendarEvents.id, event.id));
    const list = (await request(ctx.app).get('/api/v1/events').expect(200)).body.events;
    expect(list.map((e: { descriptionHtml: string }) => e.descriptionHtml)).to.deep.equal(['<p>memorizzato</p>']);
    expect((await request(ctx.app).get(`/eventi/${event.id}`).expect(200)).text).to.contain('<p>memorizzato</p>');
    expect((await request(ctx.app).get('/eventi/feed.xml').expect(200)).text).to.contain('<p>memorizzato</p>');
  });

  it('renders an older event’s description once, on the first read that shows it, and keeps it', async () => {
    const staff = await bearer(ctx.app, await createUser(ctx, { role: 'animator' }));
    const event = await createEventApi(ctx.app, staff, { description: 'Sede: **CPI di Prato**' });
    const older = await createEventApi(ctx.app, staff, { description: '' });
    // As migration 0011 leaves the events written before it: the Markdown, no HTML yet.
    await ctx.database.db.update(calendarEvents).set({ descriptionHtml: '' }).where(eq(calendarEvents.id, event.id));
    const api = (await request(ctx.app).get(`/api/v1/events/${event.id}`).expect(200)).body.event;
    expect(api.descriptionHtml).to.equal('<p>Sede: <strong>CPI di Prato</strong></p>\n');
    expect((await stored(event.id)).descriptionHtml).to.equal('<p>Sede: <strong>CPI di Prato</strong></p>\n');
    expect((await stored(older.id)).descriptionHtml).to.equal('');
    expect((await request(ctx.app).get(`/api/v1/events/${older.id}`).expect(200)).body.event.descriptionHtml).to.equal(
      '',
    );
  });

  it('gives feed readers the sanitized description and escaped text, never markup from the event', async () => {
    const staff = await bearer(ctx.app, await createUser(ctx, { role: 'animator' }));
    await createEventApi(ctx.app, staff, {
      title: 'Open day <img src=x onerror=alert(1)>',
      description: 'Vieni a trovarci <img src=x onerror=alert(1)> <script>alert(2)</script> **presto**',
      place: 'Prato <script>alert(3)</script>',
    });
    const rss = (await request(ctx.app).get('/eventi/feed.xml').expect(200)).text;
    const item = /<item>[\s\S]*?<\/item>/.exec(rss)![0];
    // Feed readers read these fields as HTML: no element of the event's own may reach them.
    expect(item).not.to.match(/<img|<script/i);
    expect(item).to.contain('<content:encoded><![CDATA[<p>Vieni a trovarci &lt;img src=x onerror=alert(1)&gt;');
    expect(item).to.contain('<strong>presto</strong>');
    expect(item).to.contain('<title><![CDATA[Open day &lt;img src=x onerror=alert(1)&gt;]]></title>');
    expect(item).to.contain('Prato &lt;script&gt;alert(3)&lt;/script&gt;');
  });
});
