import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { activities, bookletVisibility, credentials, notifications } from '../../../models/schema.ts';
import type { DomainEvent } from '../../../server/core/events.ts';
import { createUser } from '../../factories.ts';
import type { TestContext } from '../../helpers/context.ts';
import {
  completeCourse,
  credentialContext,
  credentialsOf,
  decodePart,
  importSampleCourse,
  insertCompetence,
  listEventsOfType,
  PUBLIC_URL,
  validateCompetence,
  type Person,
} from './support.ts';

describe('issuing credentials', () => {
  let ctx: TestContext;
  let learner: Person;

  beforeEach(async () => {
    ctx = await credentialContext();
    learner = await createUser(ctx, { name: 'Giulia Bianchi' });
  });

  it('issues an Open Badges 3.0 credential when a course is completed, tells the person and keeps it private', async () => {
    const courseId = await importSampleCourse(ctx);
    await completeCourse(ctx, learner);

    const [row, ...more] = await credentialsOf(ctx, learner.id);
    expect(more).to.have.length(0);
    expect(row).to.include({
      kind: 'course',
      courseId,
      subjectName: 'Giulia Bianchi',
      achievementTitle: 'Accoglienza nei CPI',
    });
    const [h, p] = row!.token.split('.');
    const header = decodePart(h!);
    const payload = decodePart(p!);
    expect(header).to.deep.equal({ alg: 'ES256', kid: row!.keyId, typ: 'vc+jwt' });
    expect(payload).to.deep.equal(row!.credential);
    expect(payload['@context']).to.deep.equal([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(payload.type).to.deep.equal(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(payload.id).to.equal(`${PUBLIC_URL}/credenziali/${row!.id}`);
    expect(payload.issuer).to.deep.equal({
      id: PUBLIC_URL,
      type: ['Profile'],
      name: 'Regione Toscana',
      url: PUBLIC_URL,
    });
    expect(payload.name).to.equal('Accoglienza nei CPI');
    expect(Date.parse(payload.validFrom)).to.be.closeTo(Date.now(), 60_000);
    expect(payload.credentialStatus).to.deep.equal({
      id: `${PUBLIC_URL}/api/v1/credentials/${row!.id}/status`,
      type: 'RetespiRevocationStatus',
    });
    const subject = payload.credentialSubject;
    expect(subject.type).to.deep.equal(['AchievementSubject']);
    expect(subject.name).to.equal('Giulia Bianchi');
    // The name; the e-mail not at all unless the person chooses it (identity.test.ts).
    expect(JSON.stringify(payload)).not.to.contain(learner.email);
    expect(subject.identifier).to.deep.equal([
      { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Giulia Bianchi' },
    ]);
    const achievement = subject.achievement;
    expect(achievement).to.include({
      id: `${PUBLIC_URL}/corsi/corso-prova`,
      achievementType: 'Course',
      name: 'Accoglienza nei CPI',
      creditsAvailable: 3,
    });
    expect(achievement.description).to.contain('Un corso per le prove automatiche.').and.to.contain('3 ore');
    expect(achievement.criteria.narrative)
      .to.contain('completare tutte le lezioni')
      .and.to.contain('superare tutte le verifiche');
    expect(achievement.alignment).to.deep.equal([
      {
        type: ['Alignment'],
        targetName: 'Accogliere le persone',
        targetCode: 'SPI.ACC.01',
        targetUrl: `${PUBLIC_URL}/competenze/SPI.ACC.01`,
        targetType: 'ceasn:Competency',
        targetFramework: 'Repertorio delle competenze Rete SPI',
      },
    ]);

    // The person is told; the feed shows it to them alone (they have not made credentials visible).
    const told = await ctx.database.db.select().from(notifications).where(eq(notifications.userId, learner.id));
    expect(told.map((n) => n.kind)).to.include('credential_issued');
    expect(told.find((n) => n.kind === 'credential_issued')!.data).to.deep.include({ url: `/credenziali/${row!.id}` });
    const [feed] = await ctx.database.db.select().from(activities).where(eq(activities.type, 'credential.issued'));
    expect(feed).to.include({ actorId: learner.id, audience: 'actor', objectUrl: `/credenziali/${row!.id}` });

    const api = await request(ctx.app).get(`/api/v1/credentials/${row!.id}`).expect(200);
    expect(api.body).to.deep.equal({ credential: payload, token: row!.token, status: { revoked: false } });
  });

  it('puts the credential in the public feed when the person shows credentials on the profile', async () => {
    await ctx.database.db.insert(bookletVisibility).values({ userId: learner.id, showCredentials: true });
    await importSampleCourse(ctx);
    await completeCourse(ctx, learner);
    const [feed] = await ctx.database.db.select().from(activities).where(eq(activities.type, 'credential.issued'));
    expect(feed).to.include({ actorId: learner.id, audience: 'public', objectType: 'credential' });
    const page = await request(ctx.app).get('/attivita').expect(200);
    expect(page.text).to.contain('ha ottenuto la credenziale');
  });

  it('issues once however often course.completed is delivered, also twice at the same time', async () => {
    await importSampleCourse(ctx);
    await completeCourse(ctx, learner);
    const [completed] = await listEventsOfType(ctx, 'course.completed');
    const again = completed as DomainEvent<'course.completed'>;
    await ctx.bus.deliver(again);
    await Promise.all([ctx.bus.deliver(again), ctx.bus.deliver(again)]);
    await ctx.settle();
    expect(await credentialsOf(ctx, learner.id)).to.have.length(1);
    expect(await listEventsOfType(ctx, 'credential.issued')).to.have.length(1);
    const told = await ctx.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, learner.id), eq(notifications.kind, 'credential_issued')));
    expect(told).to.have.length(1);
  });

  it('issues a competence credential on competence.validated, with the level and the code, once', async () => {
    const assessor = await createUser(ctx, { role: 'animator' });
    const competenceId = await insertCompetence(ctx, {
      code: 'SPI.ORI.02',
      title: 'Orientare al lavoro',
      eqfLevel: 5,
      escoUri: 'http://data.europa.eu/esco/skill/abc',
    });
    const validationId = await validateCompetence(ctx, {
      userId: learner.id,
      competenceId,
      assessorId: assessor.id,
      level: 4,
    });
    await ctx.settle();
    const [row] = await credentialsOf(ctx, learner.id);
    expect(row).to.include({ kind: 'competence', competenceId, validationId, achievementTitle: 'Orientare al lavoro' });
    const subject = (row!.credential as any).credentialSubject;
    expect(subject.achievement).to.include({
      id: `${PUBLIC_URL}/competenze/SPI.ORI.02`,
      achievementType: 'Competency',
      humanCode: 'SPI.ORI.02',
      name: 'Orientare al lavoro',
    });
    expect(subject.achievement.alignment.map((a: any) => [a.targetCode, a.targetUrl])).to.deep.equal([
      ['SPI.ORI.02', `${PUBLIC_URL}/competenze/SPI.ORI.02`],
      [undefined, 'http://data.europa.eu/esco/skill/abc'],
    ]);
    expect(subject.result).to.deep.equal([
      { type: ['Result'], resultDescription: `${PUBLIC_URL}/competenze/SPI.ORI.02#livello-eqf`, value: '4' },
    ]);
    expect(subject.achievement.criteria.narrative).to.contain('validazione degli apprendimenti pregressi');

    const [validated] = await listEventsOfType(ctx, 'competence.validated');
    await ctx.bus.deliver(validated as DomainEvent);
    expect(await credentialsOf(ctx, learner.id)).to.have.length(1);

    // A request still open (the event told of a decision that is no longer so): nothing is certified.
    const other = await insertCompetence(ctx, { code: 'SPI.ORI.03', title: 'Bilancio di competenze' });
    await validateCompetence(ctx, {
      userId: learner.id,
      competenceId: other,
      assessorId: assessor.id,
      level: null,
      status: 'requested',
    });
    await ctx.settle();
    expect(await credentialsOf(ctx, learner.id)).to.have.length(1);
    expect(await ctx.database.db.select().from(credentials)).to.have.length(1);
  });
});
