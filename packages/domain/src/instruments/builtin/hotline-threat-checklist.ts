import type { InstrumentDefinition } from '../instrument.schema.ts';
import { deepFreeze } from './deep-freeze.ts';

/**
 * The hotline's first threat checklist (*hotbildsbedömning*), written for Utväg. It is not taken
 * from SARA, PATRIARK or any other published instrument; licensed users import those as data.
 * Version 1 is frozen: completed checklists refer to it by id and version. Any change to its
 * items, answers or texts is a new version, added beside this one; the object is frozen.
 */
export const HOTLINE_THREAT_CHECKLIST_V1: InstrumentDefinition = deepFreeze({
  id: 'utvag-hotline-threat',
  version: 1,
  kind: 'checklist',
  name: { sv: 'Första hotbildsbedömning (jour)', en: 'First threat screening (hotline)' },
  description: {
    sv: 'Frågor att ställa under eller direkt efter samtalet. ”Vet ej” är ett eget svar och betyder inte nej. Ett akut svar larmar på samtalet och ärendet.',
    en: 'Questions to ask during or right after the call. "Unknown" is an answer of its own and does not mean no. An acute answer raises an alarm on the call and its case.',
  },
  parts: [
    {
      id: 'now',
      title: { sv: 'Läget just nu', en: 'The situation right now' },
      items: [
        {
          id: 'safe_now',
          text: {
            sv: 'Är personen i säkerhet just nu, medan vi pratar?',
            en: 'Is the person safe right now, while we talk?',
          },
          help: {
            sv: 'Om nej: bryt och ring 112, eller be personen ta sig till en plats med folk omkring sig.',
            en: 'If no: break off and call 112, or ask the person to get to a place with people around.',
          },
          answerType: 'yes_no_unknown',
          required: true,
          acuteAnswers: ['no'],
        },
        {
          id: 'safe_place_tonight',
          text: {
            sv: 'Har personen en säker plats att sova på i natt?',
            en: 'Does the person have a safe place to sleep tonight?',
          },
          help: {
            sv: 'Säker betyder en plats som gruppen inte känner till.',
            en: 'Safe means a place the group does not know about.',
          },
          answerType: 'yes_no_unknown',
          required: true,
          acuteAnswers: ['no'],
        },
        {
          id: 'known_time_place',
          text: {
            sv: 'Finns det en känd tid eller plats för det våld som hotar?',
            en: 'Is there a known time or place for the threatened violence?',
          },
          help: {
            sv: 'Till exempel ”de kommer i kväll” eller ”de väntar utanför jobbet”.',
            en: 'For example "they are coming tonight" or "they are waiting outside work".',
          },
          answerType: 'yes_no_unknown',
          required: true,
          critical: true,
          acuteAnswers: ['yes'],
        },
      ],
    },
    {
      id: 'threats',
      title: { sv: 'Hot och våld', en: 'Threats and violence' },
      items: [
        {
          id: 'direct_threats',
          text: {
            sv: 'Har personen själv blivit hotad den senaste tiden?',
            en: 'Has the person been threatened personally in recent times?',
          },
          help: {
            sv: 'Direkt, via andra eller i sociala medier. Skriv vem och hur i anteckningen, inte här.',
            en: 'Face to face, through others or on social media. Note who and how in the summary, not here.',
          },
          answerType: 'yes_no_unknown',
          required: true,
          critical: true,
        },
        {
          id: 'threats_against_family',
          text: {
            sv: 'Har någon i familjen eller någon annan närstående blivit hotad?',
            en: 'Has anyone in the family, or anyone else close, been threatened?',
          },
          answerType: 'yes_no_unknown',
          required: true,
          critical: true,
        },
        {
          id: 'weapons',
          text: {
            sv: 'Har vapen eller sprängmedel nämnts, visats eller använts i samband med hoten?',
            en: 'Have weapons or explosives been mentioned, shown or used along with the threats?',
          },
          answerType: 'yes_no_unknown',
          required: true,
          critical: true,
        },
        {
          id: 'group_knows_plan',
          text: {
            sv: 'Vet gruppen, eller misstänker den, att personen vill lämna?',
            en: 'Does the group know, or suspect, that the person wants to leave?',
          },
          answerType: 'yes_no_unknown',
          required: true,
          critical: true,
        },
        {
          id: 'recent_violence',
          text: {
            sv: 'Har personen utsatts för våld, och i så fall hur nyligen?',
            en: 'Has the person been subjected to violence, and if so, how recently?',
          },
          help: {
            sv: '0 = nej, 1 = ja, för mer än en månad sedan, 2 = ja, den senaste månaden.',
            en: '0 = no, 1 = yes, more than a month ago, 2 = yes, within the last month.',
          },
          answerType: 'scale_0_2',
          required: true,
          critical: true,
        },
      ],
    },
    {
      id: 'circumstances',
      title: { sv: 'Omständigheter', en: 'Circumstances' },
      items: [
        {
          id: 'children_in_home',
          text: { sv: 'Bor det barn hos personen?', en: 'Do children live with the person?' },
          help: {
            sv: 'Om ja: tänk på anmälningsskyldigheten till socialtjänsten om ett barn kan fara illa.',
            en: 'If yes: remember the duty to report to social services when a child may be at risk.',
          },
          answerType: 'yes_no_unknown',
          required: true,
        },
        {
          id: 'substance_use',
          text: { sv: 'Använder personen alkohol eller narkotika?', en: 'Does the person use alcohol or drugs?' },
          help: {
            sv: '0 = inget känt bruk, 1 = visst bruk, 2 = omfattande bruk som styr vardagen.',
            en: '0 = no known use, 1 = some use, 2 = heavy use that governs daily life.',
          },
          answerType: 'scale_0_2',
          required: false,
        },
        {
          id: 'own_ongoing_crime',
          text: {
            sv: 'Är personen själv inblandad i pågående brottslighet?',
            en: 'Is the person involved in ongoing crime themselves?',
          },
          help: {
            sv: 'Fråga inte efter andras brott. Att lämna uppgifter om andra är aldrig ett villkor för stöd.',
            en: "Do not ask about other people's crimes. Informing on others is never a condition of support.",
          },
          answerType: 'yes_no_unknown',
          required: false,
        },
        {
          id: 'police_involved',
          text: {
            sv: 'Är polisen redan inkopplad i hotet, till exempel genom en anmälan?',
            en: 'Are the police already involved in the threat, for example through a report?',
          },
          answerType: 'yes_no_unknown',
          required: false,
        },
        {
          id: 'notes',
          text: { sv: 'Övrigt som påverkar hotbilden', en: 'Anything else that bears on the threat' },
          help: {
            sv: 'Kort. Skriv inga namn på andra personer.',
            en: 'Brief. Do not write the names of other people.',
          },
          answerType: 'text',
          required: false,
        },
      ],
    },
  ],
  judgement: {
    levels: ['none', 'low', 'elevated', 'acute'],
    label: { sv: 'Samlad bedömning av hotbilden', en: 'Overall judgement of the threat' },
  },
});
