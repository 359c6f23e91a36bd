import { openArende, type Arende } from '../../src/office/domain/arende.js';
import type { Tjansteskrivelse } from '../../src/office/domain/tjansteskrivelse.js';
import { readFixture } from '../support/golden.js';
import type { Overview } from '../../src/office/domain/overview.js';
import type { Insats } from '../../src/office/domain/insats.js';

/** Seed 002 as the office wrote it: Samordnare och partsamordnare Tierp. */
export const SEED002_RUBRIK = 'Samordnare och partsamordnare Tierp';

export const SEED002_ATT = [
  'att bevilja finansiellt stöd från förbundet enligt ansökan till insatsen Samordnare och partsamordnare Tierp',
  'att avsätta maximalt 2 500 000 kr som finansiering under perioden 2018-01-01 till 2019-12-31',
  'att finansieringen av insatsen gäller under förutsättning att förbundet beviljas medel från medlemsorganisationerna framöver',
  'att finansiering av insatsen gäller under förutsättning att insatsen följer aktuell ansökan, gällande lagstiftning och av förbundet antagna styrdokument',
];

export const SEED002_ANSOKAN = [
  'Tierps kommun, Arbetsförmedlingen, Försäkringskassan och Region Uppsala ansöker om medel till en insats med syfte att utveckla flerpartssamverkan. Tierps kommun utgör insatsägare. Insatsen ska möjliggöra, effektivisera och utveckla samverkan mellan parterna med individen i fokus.',
  'Målgrupp är parterna inom samverkan. Behovsgrupper är individer i behov av samordnad arbetslivsinriktad rehabilitering boende i Tierps kommun som ej omfattas av ordinarie samverkansstrukturer.',
  'Inom insatsen har följande effektmål angivits: skapa en dokumenterad modell som är antagen och förankrad av alla parter. Som insatsmål har angivits: antal möten med specifik individ närvarande med minst två parter eller fler som är initierade av någon partsamordnare ska vara 60 stycken, varje part ska delta på minst 85 % av kallade möten, utveckla partsamordnarnas uppdrag i samverkansmodellen genom regelbundna träffar 4 ggr/år samt ”Granskning uppdrag” ska ske en gång per år i samarbete med alla parter.',
  'I projektet ska anställas en samordnare på 75 % samt fyra partssamordnare på 25 % var. Partssamordnarna ska vara anställda hos respektive part. Ansökan sträcker sig över perioden 2018-01-01 till 2019-12-31 och kostnaden per år är 1 250 000 kronor.',
];

export const SEED002_BEDOMNING = [
  'Samordningsförbundet har beslutat om en ny inriktning inför 2018. Insatser som beviljas kan vara individinriktade eller strukturövergripande. De kan även vara kompetenshöjande insatser för personal. Denna insats är en strukturövergripande insats som kommer resultera i utvecklandet av en gemensam modell. En mindre del kompetenshöjande aktiviteter kommer att ingå i insatsen.',
  'I inriktningen för 2018 har styrelsen tydliggjort två prioriterade målgrupper; unga med funktionsnedsättning och/eller aktivitetsersättning samt personer med långvarigt bidrags- och/eller ersättningsberoende. Denna insats riktar sig mot att ta fram en modell för fyrpartssamverkan mot dessa prioriterade målgrupper.',
  'I ansökan anges resultat och mätbara mål som ligger i linje med förbundets inriktning. Uppföljning och utvärdering kommer att ske löpande. Ansökan har diskuterats av parterna i lokusgruppen och alla parter i lokusgruppen har ställt sig bakom ansökan.',
];

export function seed002Tjansteskrivelse(): Tjansteskrivelse {
  return {
    rubrik: SEED002_RUBRIK,
    body: 'styrelse',
    attSatser: SEED002_ATT,
    arendetHeading: 'Ansökan',
    arendet: SEED002_ANSOKAN,
    bedomning: SEED002_BEDOMNING,
    signer: { name: 'Åsa Fichtel', title: 'Förbundschef' },
  };
}

/** Seed 002 as it is in the shared seeds (a copy, test/fixtures/office/seed-002.txt): the ground truth. */
export function seed002Text(): string {
  return readFixture('office/seed-002.txt');
}

export function sampleArende(): Arende {
  return openArende({
    id: 'arende-sample', tenantId: 't', year: 2018, number: 3,
    origin: { groupId: 'g_tierp', groupName: 'Tierp', approvalId: 'approval-1', partiesBehind: ['Region Uppsala', 'Försäkringskassan', 'Arbetsförmedlingen', 'Tierps kommun'] },
    tjansteskrivelse: seed002Tjansteskrivelse(), by: 'Marika Blomgren', at: '2018-01-30T09:00:00.000Z',
  });
}

const months = (counts: number[]) => counts.map((count, i) => ({ month: `2018-${String(i + 1).padStart(2, '0')}`, count }));

/** An overview of 2018 as the kansli sees it (figures in the spirit of seeds 000–003). */
export function sampleOverview(): Overview {
  const insats: Insats = {
    id: 'insats-1', tenantId: 't', name: 'Samordnare och partsamordnare Tierp', groupIds: ['g_tierp'], from: '2018-01-01', to: '2019-12-31',
    goals: [
      { kind: 'meetingCount', titleWord: 'individ', minParties: 2, target: 60 },
      { kind: 'attendance', percent: 85 },
      { kind: 'regularMeetings', titleWord: 'partsamordnare', perYear: 4 },
      { kind: 'yearlyReview', itemTitle: 'Granskning uppdrag' },
    ],
    createdAt: '2018-02-20T12:00:00.000Z', createdBy: 'Marika Blomgren', updatedAt: '2018-02-20T12:00:00.000Z',
  };
  const party = (organisation: string, attended: number, called: number, target = 85) => ({ organisation, called, attended, percent: Math.round((attended * 100) / called), meetsTarget: attended * 100 >= target * called });
  return {
    year: 2018,
    groups: [
      {
        groupId: 'g_tierp', name: 'Tierp', kind: 'lokusgrupp', targetPercent: 85, meetingsHeld: 30, byMonth: months([2, 3, 3, 3, 2, 2, 0, 2, 3, 4, 3, 3]),
        parties: [party('Region Uppsala', 29, 30), party('Försäkringskassan', 27, 30), party('Arbetsförmedlingen', 22, 30), party('Tierps kommun', 30, 30)],
        openActions: 4, overdueActions: 1, approvalsWaiting: 1, minutesAwaitingJustering: 1,
      },
      {
        groupId: 'g_au', name: 'Arbetsutskottet', kind: 'arbetsutskott', targetPercent: 85, meetingsHeld: 8, byMonth: months([1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0]),
        parties: [party('Region Uppsala', 8, 8), party('Uppsala kommun', 7, 8), party('Försäkringskassan', 8, 8)],
        openActions: 2, overdueActions: 0, approvalsWaiting: 0, minutesAwaitingJustering: 0,
      },
    ],
    insatser: [{
      insats,
      progress: [
        { kind: 'meetingCount', goal: { kind: 'meetingCount', titleWord: 'individ', minParties: 2, target: 60 }, count: 24, met: false, byMonth: [] },
        { kind: 'attendance', goal: { kind: 'attendance', percent: 85 }, met: false, parties: [
          { groupName: 'Tierp', ...party('Region Uppsala', 29, 30) }, { groupName: 'Tierp', ...party('Arbetsförmedlingen', 22, 30) },
        ] },
        { kind: 'regularMeetings', goal: { kind: 'regularMeetings', titleWord: 'partsamordnare', perYear: 4 }, years: [{ year: 2018, count: 4, met: true }], met: true },
        { kind: 'yearlyReview', goal: { kind: 'yearlyReview', itemTitle: 'Granskning uppdrag' }, years: [{ year: 2018, count: 1, met: true }], met: true },
      ],
    }],
  };
}
