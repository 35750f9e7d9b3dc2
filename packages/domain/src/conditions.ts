import { z } from 'zod';
import {
  addIssue,
  isInFuture,
  isoDateTime,
  optionalText,
  requiredText,
  type Clock,
} from './assessment-schema-parts.ts';
import type { AssessmentIssue } from './assessment-validation.ts';
import { checkWitness, SIGNING_METHODS } from './consent.ts';
import { deepFreeze } from './instruments/builtin/deep-freeze.ts';
import { instrumentKeySchema, instrumentVersionSchema, type BilingualText } from './instruments/instrument.schema.ts';
import { idSchema } from './schemas/edge.schemas.ts';

/** One condition of the programme's agreement. */
export type Condition = { id: string; text: BilingualText };

/** The programme's conditions agreement, versioned: a signature refers to the version signed. */
export type ConditionsAgreement = { version: number; conditions: readonly Condition[] };

/**
 * The conditions a programme starts with. Informing on others is never a condition of help
 * (police guidance, PRACTICE.md): it is absent here and rejected in a programme's own set.
 */
export const DEFAULT_CONDITIONS: ConditionsAgreement = deepFreeze({
  version: 1,
  conditions: [
    {
      id: 'no_crime',
      text: { sv: 'Jag begår inga brott.', en: 'I commit no crimes.' },
    },
    {
      id: 'no_drugs',
      text: { sv: 'Jag använder inte narkotika.', en: 'I do not use drugs.' },
    },
    {
      id: 'drug_tests',
      text: {
        sv: 'Jag lämnar drogtester när programmet ber om det.',
        en: 'I take drug tests when the programme asks.',
      },
    },
    {
      id: 'regular_talks',
      text: {
        sv: 'Jag kommer till de samtal vi har bokat, eller hör av mig i förväg.',
        en: 'I come to the talks we have booked, or get in touch beforehand.',
      },
    },
    {
      id: 'cooperation',
      text: {
        sv: 'Jag samarbetar med de myndigheter och organisationer som ingår i min plan och följer säkerhetsråden.',
        en: 'I cooperate with the agencies and organisations in my plan and follow the safety advice.',
      },
    },
  ],
});

/**
 * Wording that makes informing on others a condition. A guard against a well-meant mistake in a
 * programme's own set, not a guarantee: the people who write the conditions must know the rule.
 */
const INFORMING_PATTERNS: readonly RegExp[] = [
  // Not "ange": in Swedish it also means "state" or "give", as in ordinary instructions.
  /\bangiv(a|er|are|elser?|eri)\b/i,
  /\btjalla|\bgola\b/i,
  /vittna mot/i,
  /lämna(r)? (ut )?uppgifter om (andra|personer|gruppen|medlemmar)/i,
  /inform(ing)? on/i,
  /\bsnitch/i,
  /testify against/i,
  /inform(ation)? about (others|other people|the group|members)/i,
];

/** True when a condition's text makes informing on others a condition. */
export function isInformingCondition(text: BilingualText): boolean {
  return INFORMING_PATTERNS.some((pattern) => pattern.test(text.sv) || pattern.test(text.en));
}

/** The body of a programme's conditions agreement: unique ids, texts in both languages, no informing. */
export const conditionsAgreementBody = z
  .object({
    version: instrumentVersionSchema,
    conditions: z
      .array(z.object({ id: instrumentKeySchema, text: z.object({ sv: requiredText(1000), en: requiredText(1000) }) }))
      .min(1)
      .max(30),
  })
  .superRefine((agreement, ctx) => {
    const ids = agreement.conditions.map((c) => c.id);
    agreement.conditions.forEach((condition, i) => {
      if (ids.indexOf(condition.id) !== i) addIssue(ctx, 'duplicate_condition_id', ['conditions', i, 'id']);
      // SECURITY: help never depends on informing; asking it can get the person killed.
      if (isInformingCondition(condition.text)) addIssue(ctx, 'informing_never_a_condition', ['conditions', i, 'text']);
    });
  });

/** The body of a programme's conditions agreement, as validated. */
export type ConditionsAgreementBody = z.output<typeof conditionsAgreementBody>;

/** The body of recording that the person signed the conditions: which version, when, and how. */
export function makeSignConditionsBody(now: Clock) {
  return z
    .object({
      version: instrumentVersionSchema,
      signedAt: isoDateTime,
      method: z.enum(SIGNING_METHODS),
      witnessName: optionalText(200),
      attachmentId: idSchema.optional(),
    })
    .superRefine((body, ctx) => {
      if (isInFuture(body.signedAt, now)) addIssue(ctx, 'signed_in_future', ['signedAt']);
      checkWitness(body, ctx);
    });
}

/** The body of signing the conditions, as validated. */
export type SignConditionsBody = z.output<ReturnType<typeof makeSignConditionsBody>>;

/** How the programme met a breach. */
export const BREACH_RESPONSES = ['talk', 'warning', 'more_support', 'support_ended'] as const;

/** How the programme met a breach. */
export type BreachResponse = (typeof BREACH_RESPONSES)[number];

/** A breach refers to the signed version and the condition in it. */
export type BreachReference = { conditionsVersion: number; conditionId: string };

/** The body of recording a breach of the conditions. */
export function makeRecordBreachBody(now: Clock) {
  return z
    .object({
      conditionsVersion: instrumentVersionSchema,
      conditionId: instrumentKeySchema,
      occurredAt: isoDateTime,
      description: requiredText(4000),
      response: z.enum(BREACH_RESPONSES),
    })
    .superRefine((body, ctx) => {
      if (isInFuture(body.occurredAt, now)) addIssue(ctx, 'breach_in_future', ['occurredAt']);
    });
}

/** The body of recording a breach, as validated. */
export type RecordBreachBody = z.output<ReturnType<typeof makeRecordBreachBody>>;

/** Checks that a breach refers to a condition of the version the person signed. */
export function checkBreachReference(
  signedVersions: readonly ConditionsAgreement[],
  reference: BreachReference,
): AssessmentIssue[] {
  const agreement = signedVersions.find((a) => a.version === reference.conditionsVersion);
  if (agreement === undefined) return [{ path: 'conditionsVersion', code: 'unknown_conditions_version' }];
  if (!agreement.conditions.some((c) => c.id === reference.conditionId)) {
    return [{ path: 'conditionId', code: 'unknown_condition' }];
  }
  return [];
}
