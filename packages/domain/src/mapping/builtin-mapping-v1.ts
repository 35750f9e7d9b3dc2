import { deepFreeze } from '../instruments/builtin/deep-freeze.ts';
import type { MappingDefinition } from './mapping-definition.ts';

/** The id of Utväg's own mapping definition. */
export const MAPPING_DEFINITION_ID = 'utvag-mapping';

/**
 * Utväg's life areas for the mapping once the person is safe (BRIEF step 7, PRACTICE
 * "coordination & mapping"). Debts and income are `economy`, so only those whom consent and the
 * matrix give the economy section see them; the rest are `plan`.
 */
export const MAPPING_V1: MappingDefinition = deepFreeze({
  id: MAPPING_DEFINITION_ID,
  version: 1,
  name: { sv: 'Kartläggning av livsområden', en: 'Mapping of life areas' },
  areas: [
    {
      id: 'housing',
      section: 'plan',
      name: { sv: 'Boende', en: 'Housing' },
      help: {
        sv: 'Nuvarande boende, hur länge det räcker, och vad som behövs för ett eget boende.',
        en: 'Current housing, how long it lasts, and what is needed for a home of their own.',
      },
    },
    {
      id: 'income_economy',
      section: 'economy',
      name: { sv: 'Inkomst och ekonomi', en: 'Income and economy' },
      help: {
        sv: 'Inkomster, försörjningsstöd, bankkonto, budget.',
        en: 'Income, financial assistance, bank account, budget.',
      },
    },
    {
      id: 'debts',
      section: 'economy',
      name: { sv: 'Skulder', en: 'Debts' },
      help: {
        sv: 'Borgenärer, belopp, ärenden hos Kronofogden, skulder till personer i den gamla miljön.',
        en: 'Creditors, amounts, cases at Kronofogden (the Enforcement Authority), debts to people in the old milieu.',
      },
    },
    {
      id: 'physical_health',
      section: 'plan',
      name: { sv: 'Fysisk hälsa', en: 'Physical health' },
      help: {
        sv: 'Sjukdomar, skador, vårdkontakter, tandvård.',
        en: 'Illness, injuries, health-care contacts, dental care.',
      },
    },
    {
      id: 'mental_health',
      section: 'plan',
      name: { sv: 'Psykisk hälsa', en: 'Mental health' },
      help: {
        sv: 'Mående, sömn, trauma, behov av samtal eller terapi.',
        en: 'Well-being, sleep, trauma, need of talks or therapy.',
      },
    },
    {
      id: 'substance_use',
      section: 'plan',
      name: { sv: 'Missbruk och beroende', en: 'Substance use' },
      help: { sv: 'Alkohol, narkotika, spel, behandling.', en: 'Alcohol, drugs, gambling, treatment.' },
    },
    {
      id: 'education',
      section: 'plan',
      name: { sv: 'Utbildning', en: 'Education' },
      help: {
        sv: 'Högsta avslutade utbildning och utbildningar som inte blivit klara.',
        en: 'Highest completed level of education, and studies left unfinished.',
      },
    },
    {
      id: 'work',
      section: 'plan',
      name: { sv: 'Arbetslivserfarenhet och yrkeskunnande', en: 'Work experience and vocational skills' },
      help: {
        sv: 'Tidigare arbeten, körkort, certifikat, vad personen kan.',
        en: 'Past jobs, driving licence, certificates, what the person can do.',
      },
    },
    {
      id: 'family_children',
      section: 'plan',
      name: { sv: 'Familj och barn', en: 'Family and children' },
      help: {
        sv: 'Partner, barn, vårdnad och umgänge, föräldrar.',
        en: 'Partner, children, custody and contact, parents.',
      },
    },
    {
      id: 'social_network',
      section: 'plan',
      name: { sv: 'Socialt nätverk', en: 'Social network' },
      help: {
        sv: 'Vilka personen kan lita på utanför den kriminella miljön. Inga namn på tredje person.',
        en: 'Whom the person can trust outside the criminal milieu. No third-party names.',
      },
    },
    {
      id: 'leisure_routines',
      section: 'plan',
      name: { sv: 'Fritid och rutiner', en: 'Leisure and routines' },
      help: {
        sv: 'Dygnsrytm, fritidsintressen, struktur i vardagen.',
        en: 'Daily rhythm, interests, structure in everyday life.',
      },
    },
    {
      id: 'identity_documents',
      section: 'plan',
      name: { sv: 'Identitetshandlingar', en: 'Identity documents' },
      help: {
        sv: 'Id-kort, pass, körkort: finns de, behöver de förnyas?',
        en: 'ID card, passport, driving licence: do they exist, do they need renewing?',
      },
    },
    {
      id: 'legal_matters',
      section: 'plan',
      name: { sv: 'Pågående rättsliga frågor', en: 'Ongoing legal matters' },
      help: {
        sv: 'Pågående utredningar, rättegångar, straff att avtjäna, villkor.',
        en: 'Ongoing investigations, trials, sentences to serve, conditions.',
      },
    },
  ],
});

/** The mapping definitions shipped with Utväg; administrators import others. */
export const BUILTIN_MAPPING_DEFINITIONS: readonly MappingDefinition[] = deepFreeze([MAPPING_V1]);

/** The built-in definition with this id and version, or null. */
export function findBuiltinMappingDefinition(id: string, version: number): MappingDefinition | null {
  return BUILTIN_MAPPING_DEFINITIONS.find((d) => d.id === id && d.version === version) ?? null;
}
