import type { InstrumentDefinition } from '../instrument.schema.ts';
import { deepFreeze } from './deep-freeze.ts';

/**
 * The structured risk analysis (*riskanalys*) written for Utväg: thirteen items in three parts
 * (the threat actors, the person's situation, vulnerability), each rated now and in the past on
 * 0 (absent), 1 (partly or possibly present), 2 (clearly present), or "not enough information".
 * It is not taken from SARA, PATRIARK, VERA-2R or any other published instrument; licensed users
 * import those as data. Version 1 is frozen: analyses refer to it by id and version, so any
 * change is a new version added beside this one.
 */
export const RISK_ANALYSIS_V1: InstrumentDefinition = deepFreeze({
  id: 'utvag-risk-analysis',
  version: 1,
  kind: 'risk_analysis',
  name: { sv: 'Strukturerad riskanalys', en: 'Structured risk analysis' },
  description: {
    sv: 'Bedöm varje faktor för nu och för tidigare: 0 = finns inte, 1 = finns delvis eller kanske, 2 = finns tydligt. ”Otillräcklig information” är ett eget svar och räknas aldrig som 0. Skriv underlaget för varje bedömning, beskriv scenarier och gör en samlad bedömning. Kritiska faktorer som bedöms 2 nu talar för akut risk.',
    en: 'Rate every item for now and for the past: 0 = absent, 1 = partly or possibly present, 2 = clearly present. "Not enough information" is an answer of its own and never counts as 0. Write the evidence for each rating, describe scenarios and make a summary judgement. Critical items rated 2 now point to acute risk.',
  },
  parts: [
    {
      id: 'actors',
      title: { sv: 'Hotaktörerna', en: 'The threat actors' },
      items: [
        {
          id: 'threat_stated',
          text: { sv: 'Hot har riktats mot personen', en: 'Threats have been made against the person' },
          help: {
            sv: 'Uttalade eller skickade hot, direkt eller via andra. 2 = konkreta hot om våld; 1 = antydningar eller rykten.',
            en: 'Threats spoken or sent, directly or through others. 2 = concrete threats of violence; 1 = hints or rumours.',
          },
          answerType: 'scale_0_2',
          required: true,
          critical: true,
        },
        {
          id: 'actor_violence_history',
          text: {
            sv: 'Hotaktören har använt allvarligt våld tidigare',
            en: 'The threat actor has used serious violence before',
          },
          help: {
            sv: 'Gruppens eller personens kända våld mot andra, särskilt mot dem som lämnat. Ange källan.',
            en: "The group's or person's known violence against others, especially against those who left. Give the source.",
          },
          answerType: 'scale_0_2',
          required: true,
          critical: true,
        },
        {
          id: 'actor_weapons',
          text: { sv: 'Hotaktören har tillgång till vapen', en: 'The threat actor has access to weapons' },
          help: {
            sv: 'Skjutvapen, sprängmedel eller andra vapen, egna eller inom räckhåll i nätverket.',
            en: 'Firearms, explosives or other weapons, their own or within reach in the network.',
          },
          answerType: 'scale_0_2',
          required: true,
          critical: true,
        },
        {
          id: 'actor_can_locate',
          text: {
            sv: 'Hotaktören vet eller kan ta reda på var personen finns',
            en: 'The threat actor knows or can find out where the person is',
          },
          help: {
            sv: 'Bostad, arbete, skola, anhörigas adresser, vanor och vägar.',
            en: "Home, work, school, relatives' addresses, routines and routes.",
          },
          answerType: 'scale_0_2',
          required: true,
          critical: true,
        },
        {
          id: 'actor_motive',
          text: {
            sv: 'Hotaktören har motiv att skada personen',
            en: 'The threat actor has a motive to harm the person',
          },
          help: {
            sv: 'Till exempel att lämnandet ses som svek, skulder, eller att personen vet saker som gruppen vill skydda.',
            en: 'For example leaving seen as betrayal, debts, or the person knowing things the group wants kept quiet.',
          },
          answerType: 'scale_0_2',
          required: true,
        },
      ],
    },
    {
      id: 'situation',
      title: { sv: 'Personens situation', en: "The person's situation" },
      items: [
        {
          id: 'ongoing_crime_or_debt',
          text: {
            sv: 'Personen begår fortfarande brott eller har skulder i kriminella miljöer',
            en: 'The person still commits crime or owes debts in criminal circles',
          },
          help: {
            sv: 'Pågående brottslighet eller skulder som håller kvar kontakten med gruppen.',
            en: 'Ongoing offending or debts that keep the person in contact with the group.',
          },
          answerType: 'scale_0_2',
          required: true,
        },
        {
          id: 'contact_with_group',
          text: { sv: 'Personen har kvar kontakt med gruppen', en: 'The person is still in contact with the group' },
          help: {
            sv: 'Träffar, meddelanden eller sociala medier; också kontakt via vänner och syskon.',
            en: 'Meetings, messages or social media; also contact through friends and siblings.',
          },
          answerType: 'scale_0_2',
          required: true,
        },
        {
          id: 'substance_use',
          text: {
            sv: 'Personen har ett problematiskt bruk av alkohol eller droger',
            en: 'The person has a problematic use of alcohol or drugs',
          },
          help: {
            sv: 'Bruk som gör personen beroende av gruppen för att få tag på droger, eller sämre på att följa säkerhetsråd.',
            en: 'Use that makes the person depend on the group for supply, or less able to follow safety advice.',
          },
          answerType: 'scale_0_2',
          required: true,
        },
        {
          id: 'no_safe_housing',
          text: { sv: 'Personen saknar ett säkert boende', en: 'The person has no safe housing' },
          help: {
            sv: 'Ett boende är säkert om gruppen inte känner till det och inte lätt kan ta reda på det.',
            en: 'Housing is safe if the group does not know it and cannot easily find it.',
          },
          answerType: 'scale_0_2',
          required: true,
          critical: true,
        },
      ],
    },
    {
      id: 'vulnerability',
      title: { sv: 'Sårbarhet', en: 'Vulnerability' },
      items: [
        {
          id: 'family_exposed',
          text: {
            sv: 'Familj eller barn är utsatta eller hotade',
            en: 'Family members or children are exposed or threatened',
          },
          help: {
            sv: 'Anhöriga som hotats, bor kvar nära gruppen eller kan användas för att komma åt personen.',
            en: 'Relatives who have been threatened, still live near the group, or could be used to reach the person.',
          },
          answerType: 'scale_0_2',
          required: true,
          critical: true,
        },
        {
          id: 'isolation',
          text: {
            sv: 'Personen saknar stödjande nätverk utanför gruppen',
            en: 'The person lacks a supportive network outside the group',
          },
          help: {
            sv: 'Ingen att vända sig till som inte hör till gruppen.',
            en: 'No one to turn to who is not part of the group.',
          },
          answerType: 'scale_0_2',
          required: true,
        },
        {
          id: 'mental_health',
          text: {
            sv: 'Psykisk ohälsa påverkar förmågan att skydda sig',
            en: "Mental-health problems affect the person's ability to stay safe",
          },
          help: {
            sv: 'Till exempel svår ångest, trauma eller impulsivitet som gör det svårt att följa en säkerhetsplan.',
            en: 'For example severe anxiety, trauma or impulsivity that makes a safety plan hard to follow.',
          },
          answerType: 'scale_0_2',
          required: true,
        },
        {
          id: 'digital_exposure',
          text: { sv: 'Digitala spår röjer var personen finns', en: "Digital traces reveal the person's whereabouts" },
          help: {
            sv: 'Platsdelning, sociala medier, delade konton eller telefoner som gruppen känner till.',
            en: 'Location sharing, social media, shared accounts or phones the group knows about.',
          },
          answerType: 'scale_0_2',
          required: true,
        },
      ],
    },
  ],
  judgement: {
    levels: ['low', 'moderate', 'high', 'acute'],
    label: { sv: 'Samlad bedömning', en: 'Summary judgement' },
  },
});
