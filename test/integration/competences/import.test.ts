import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, formToken, signedInAgent, type Agent } from '../../helpers/http.ts';
import { cli } from '../../helpers/process.ts';

/** The text of a hidden field as the page carries it (Handlebars escapes it). */
function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no ${name} field in the page`);
  const entities: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    '#x27': "'",
    '#x60': '`',
    '#x3D': '=',
  };
  return match[1]!.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (_, e: string) => entities[e]!);
}

const CSV_HEADER =
  'profile_code,profile_title,area_code,area_title,code,title,description,knowledge,skills,eqf_level,esco_uri';

describe('competence repertory: import and extension', () => {
  let ctx: TestContext;
  let admin: Agent;
  let token: string;
  beforeEach(async () => {
    ctx = await testContext();
    const person = await createUser(ctx, { role: 'admin' });
    admin = await signedInAgent(ctx.app, person.email, person.password);
    token = await formToken(admin, '/admin/competenze');
  });

  const upload = (name: string, content: string | Buffer) =>
    admin
      .post(`/admin/competenze/anteprima?_csrf=${token}`)
      .field('_csrf', token)
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  const competence = async (code: string) =>
    (
      await ctx.database.query<Record<string, unknown>>(
        `SELECT c.*, a.code AS area_code, p.code AS profile_code FROM competences c
           JOIN competence_areas a ON a.id = c.area_id JOIN competence_profiles p ON p.id = a.profile_id
          WHERE c.code = $1`,
        [code],
      )
    )[0];
  const count = async () =>
    (
      await ctx.database.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM competences) + (SELECT count(*) FROM competence_areas)
              + (SELECT count(*) FROM competence_profiles) AS n`,
      )
    )[0]!.n;

  it('is for admins only: members are refused, anonymous visitors sign in first', async () => {
    expect((await request(ctx.app).get('/admin/competenze').expect(303)).headers.location).to.match(/^\/accedi/);
    const member = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    await agent.get('/admin/competenze').expect(403);
    const memberToken = csrfFrom((await agent.get('/competenze').expect(200)).text);
    await agent
      .post('/admin/competenze/applica')
      .type('form')
      .send({ _csrf: memberToken, format: 'csv', content: `${CSV_HEADER}\nOPI,,OPI.ACC,,SPI.ABUSO.01,Abuso,,,,,` })
      .expect(403);
    await agent
      .post(`/admin/competenze/anteprima?_csrf=${memberToken}`)
      .attach('file', Buffer.from('{"profiles":[]}'), 'r.json')
      .expect(403);
    expect(await competence('SPI.ABUSO.01')).to.equal(undefined);
    const adminHome = await admin.get('/admin').expect(200);
    expect(adminHome.text).to.contain('href="/admin/competenze"');
  });

  it('previews a JSON file (new, updated, unchanged per code) without writing, then applies it in one go', async () => {
    const before = await count();
    const file = {
      profiles: [
        {
          code: 'OPI',
          areas: [
            {
              code: 'OPI.ACC',
              competences: [
                {
                  code: 'SPI.ACC.01',
                  title: 'Condurre il colloquio di accoglienza e gestire la registrazione della DID',
                  eqfLevel: 6,
                },
              ],
            },
            {
              code: 'OPI.DIG',
              title: 'Servizi digitali',
              competences: [
                {
                  code: 'SPI.DIG.01',
                  title: 'Accompagnare la persona nei servizi online del CPI',
                  knowledge: ['Identità digitale (SPID, CIE)', 'Servizi online dei CPI'],
                  skills: 'Guidare la persona nella DID online',
                  eqfLevel: 4,
                  escoUri: 'http://data.europa.eu/esco/isco/C3333',
                },
              ],
            },
          ],
        },
        { code: 'MED', title: 'Mediatore/mediatrice interculturale', areas: [] },
      ],
    };
    const preview = await upload('estensione.json', JSON.stringify(file, null, 2)).expect(200);
    expect(preview.text).to.contain('Nuovi: 3 · da aggiornare: 1 · invariati: 2');
    expect(preview.text).to.match(/<code>SPI\.DIG\.01<\/code>[\s\S]*?Nuovo/);
    expect(preview.text).to.match(/<code>SPI\.ACC\.01<\/code>[\s\S]*?Da aggiornare[\s\S]*?livello EQF/);
    expect(preview.text).to.match(/<code>OPI<\/code>[\s\S]*?Invariato/);
    // Nothing written yet.
    expect(await count()).to.equal(before);
    expect((await competence('SPI.ACC.01'))!.eqf_level).to.equal(5);

    const applied = await admin
      .post('/admin/competenze/applica')
      .type('form')
      .send({
        _csrf: token,
        format: hiddenValue(preview.text, 'format'),
        content: hiddenValue(preview.text, 'content'),
      })
      .expect(303);
    expect(applied.headers.location).to.equal('/admin/competenze');
    expect((await admin.get('/admin/competenze').expect(200)).text).to.contain(
      'Importazione completata: 3 nuovi, 1 aggiornati',
    );
    expect(await count()).to.equal(before + 3);
    const digital = (await competence('SPI.DIG.01'))!;
    expect(digital).to.include({
      area_code: 'OPI.DIG',
      profile_code: 'OPI',
      knowledge: 'Identità digitale (SPID, CIE)\nServizi online dei CPI',
      skills: 'Guidare la persona nella DID online',
      eqf_level: 4,
      esco_uri: 'http://data.europa.eu/esco/isco/C3333',
    });
    // Fields the file left out keep their values.
    const updated = (await competence('SPI.ACC.01'))!;
    expect(updated.eqf_level).to.equal(6);
    expect(updated.description).to.contain('Dichiarazione di immediata disponibilità');
    await request(ctx.app).get('/competenze/SPI.DIG.01').expect(200);

    // The same file again changes nothing, and says so.
    const again = await upload('estensione.json', JSON.stringify(file)).expect(200);
    expect(again.text)
      .to.contain('Nuovi: 0 · da aggiornare: 0 · invariati: 6')
      .and.contain('non c&#x27;è nulla da applicare');
  });

  it('imports a CSV saved by a spreadsheet: semicolons, a line break in a cell, Windows-1252', async () => {
    const csv = [
      'profile_code;profile_title;area_code;area_title;code;title;knowledge;eqf_level',
      'MED;Mediatore/mediatrice interculturale;MED.ACC;Accoglienza delle persone straniere;SPI.MED.01;Facilitare il colloquio con persone straniere;"Normativa sull\'immigrazione',
      'Servizi per i cittadini stranieri";5',
      'MED;;MED.ACC;;SPI.MED.02;Riconoscere i titoli di studio esteri;Procedure di equivalenza | Enti competenti;6',
      '',
    ].join('\r\n');
    const preview = await upload(
      'mediatori.csv',
      Buffer.from(csv.replace('Normativa', 'Normatività'), 'latin1'),
    ).expect(200);
    expect(preview.text).to.contain('Nuovi: 4 · da aggiornare: 0 · invariati: 0');
    await admin
      .post('/admin/competenze/applica')
      .type('form')
      .send({
        _csrf: token,
        format: hiddenValue(preview.text, 'format'),
        content: hiddenValue(preview.text, 'content'),
      })
      .expect(303);
    expect((await competence('SPI.MED.01'))!.knowledge).to.equal(
      "Normatività sull'immigrazione\nServizi per i cittadini stranieri",
    );
    expect(await competence('SPI.MED.02')).to.include({ area_code: 'MED.ACC', profile_code: 'MED', eqf_level: 6 });
    expect((await competence('SPI.MED.02'))!.knowledge).to.equal('Procedure di equivalenza\nEnti competenti');
  });

  it('refuses duplicate codes, unknown parents, bad codes, EQF levels and ESCO addresses: 400, lines named, nothing changed', async () => {
    const before = await count();
    const csv = [
      CSV_HEADER,
      'OPI,,OPI.ACC,,SPI.X.01,Una competenza,,,,9,',
      "OPI,,OPI.ACC,,SPI.X.02,Un'altra competenza,,,,5,",
      'OPI,,OPI.ACC,,SPI.X.02,La stessa di nuovo,,,,5,',
      'FANTASMA,,FANTASMA.A,Area senza profilo,SPI.X.03,Orfana,,,,5,',
      'OPI,,OPI.ACC,,spi x 04,Codice sbagliato,,,,5,https://example.org/non-esco',
    ].join('\n');
    const refused = await upload('errori.csv', csv).expect(400);
    expect(refused.text)
      .to.contain('Il file non è stato importato')
      .and.contain('riga 2 · eqf_level</strong>: Il livello EQF è un numero intero da 1 a 8.')
      .and.contain('riga 4 · code</strong>: Il codice SPI.X.02 compare due volte nel file (la prima alla riga 3).')
      .and.contain('riga 5 · profile_code</strong>: Il profilo FANTASMA non esiste nel repertorio')
      .and.contain('riga 6 · code</strong>: Codice non valido')
      .and.contain('riga 6 · esco_uri</strong>: Riferimento ESCO non valido');
    expect(refused.text).not.to.contain('name="content"');
    expect(await count()).to.equal(before);

    // JSON: the line of the field, and its path in the file.
    const json = `{
  "profiles": [
    {
      "code": "OPI",
      "areas": [
        {
          "code": "OPI.ACC",
          "competences": [
            { "code": "SPI.Y.01", "title": "Prima", "eqfLevel": 0 },
            { "code": "SPI.Y.02", "title": "Seconda", "eqf_level": 3 }
          ]
        },
        { "code": "OPI.NUOVA", "competences": [] }
      ]
    }
  ]
}`;
    const jsonRefused = await upload('errori.json', json).expect(400);
    expect(jsonRefused.text)
      .to.contain('riga 9 · profiles[0].areas[0].competences[0].eqfLevel')
      .and.contain('riga 10 · profiles[0].areas[0].competences[1].eqf_level</strong>: Campo sconosciuto')
      .and.contain('riga 13 · profiles[0].areas[1].code</strong>: L&#x27;area di attività OPI.NUOVA non esiste');
    const broken = await upload('rotto.json', '{\n  "profiles": [\n    {"code": "OPI",}\n  ]\n}').expect(400);
    expect(broken.text).to.contain('riga 3 · file').and.contain('non è JSON valido');
    const columns = await upload('colonne.csv', 'profile_code,area_code,code,titolo\n').expect(400);
    expect(columns.text).to.contain('riga 1 · titolo').and.contain('Colonna sconosciuta');
    const shifted = await upload(
      'virgola.csv',
      'profile_code,area_code,code,title\nOPI,OPI.ACC,SPI.V.01,Accogliere, profilare\n',
    );
    expect(shifted.status).to.equal(400);
    expect(shifted.text).to.contain('riga 2 · file').and.contain('La riga ha 5 campi ma l&#x27;intestazione 4 colonne');
    await upload('repertorio.xml', '<xml/>').expect(400);

    // Applying is checked again: a crafted apply form changes nothing either.
    await admin
      .post('/admin/competenze/applica')
      .type('form')
      .send({ _csrf: token, format: 'csv', content: csv })
      .expect(400);
    expect(await count()).to.equal(before);
  });

  it('imports from the command line, with --dry-run first', async function () {
    this.timeout(120_000);
    const dir = await mkdtemp(path.join(tmpdir(), 'retespi-competences-'));
    try {
      const env = { DATABASE_URL: `file://${path.join(dir, 'db')}` };
      const file = path.join(dir, 'nuove.csv');
      await writeFile(file, `${CSV_HEADER}\nOPI,,OPI.ACC,,SPI.CLI.01,Importata da riga di comando,,,,5,\n`);
      const dry = await cli(['competences:import', file, '--dry-run'], env);
      expect(dry.code, dry.stderr).to.equal(0);
      expect(dry.stdout).to.contain('Nuovo / new: competence SPI.CLI.01').and.contain('nulla è stato scritto');
      const real = await cli(['competences:import', file], env);
      expect(real.code, real.stderr).to.equal(0);
      expect(real.stdout).to.contain('Importazione completata').and.contain('1 nuovi / new');
      const after = await cli(['competences:import', file, '--dry-run'], env);
      expect(after.stdout).to.contain('0 nuovi / new, 0 aggiornati / updated, 3 invariati / unchanged');
      await writeFile(file, `${CSV_HEADER}\nOPI,,OPI.ACC,,SPI.CLI.02,Livello sbagliato,,,,12,\n`);
      const bad = await cli(['competences:import', file], env);
      expect(bad.code).to.equal(1);
      expect(bad.stderr).to.contain('riga 2 · eqf_level: Il livello EQF è un numero intero da 1 a 8.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
