import { z } from 'zod';
import { pageQuery } from './contract/pagination.contract.ts';
import { instrumentAnswersBody } from './instruments/instrument.schema.ts';
import { CASE_CODE_MIN_YEAR } from './case-code.ts';
import { parsePersonnummer } from './personnummer.ts';
import { readClock, type Clock } from './clock.ts';
import {
  apiDateOrDateTime,
  apiDateTime,
  dateTimeBetween,
  idSchema,
  MAX_API_YEAR,
  optionalText,
  requiredText,
  storableString,
} from './schemas/edge.schemas.ts';

/** How a call reached the programme. */
export const CALL_CHANNELS = ['hotline', 'walk_in', 'agency_referral', 'other'] as const;
/** How a call reached the programme. */
export type CallChannel = (typeof CALL_CHANNELS)[number];

/** Who called. */
export const CALLER_TYPES = ['self', 'relative', 'professional', 'anonymous'] as const;
/** Who called. */
export type CallerType = (typeof CALLER_TYPES)[number];

/** What was decided on the call. Every call is logged, also those that lead nowhere. */
export const CALL_DECISIONS = ['take_further', 'refer_elsewhere', 'advice_only', 'call_back', 'no_action'] as const;
/** What was decided on the call. */
export type CallDecision = (typeof CALL_DECISIONS)[number];

/** How far in the future a call's time may lie, for clocks that are a little apart. */
export const CALL_RECEIVED_FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** The validation codes of a call, each with a message key `validation.<code>`. */
export const CALL_VALIDATION_CODES = [
  'received_in_future',
  'anonymous_no_identity',
  'person_not_allowed',
  'relative_not_allowed',
  'referral_required',
  'referral_not_allowed',
  'callback_time_required',
  'callback_time_not_allowed',
  'callback_in_past',
  'personnummer_format',
  'personnummer_date',
  'personnummer_checksum',
  'invalid_phone',
  'from_after_to',
] as const;

/** A validation code of a call. */
export type CallValidationCode = (typeof CALL_VALIDATION_CODES)[number];

/** What each call validation code tells the user, in Swedish and English. */
export const CALL_VALIDATION_MESSAGES: Readonly<Record<CallValidationCode, { sv: string; en: string }>> = {
  received_in_future: {
    sv: 'Samtalstiden ligger i framtiden.',
    en: 'The time of the call is in the future.',
  },
  anonymous_no_identity: {
    sv: 'Ett anonymt samtal får inte ha namn, personnummer, telefon, adress eller kontaktuppgift.',
    en: 'An anonymous call cannot have a name, personnummer, phone, address or contact details.',
  },
  person_not_allowed: {
    sv: 'Uppgifter om personen sparas bara när samtalet tas vidare.',
    en: "The person's details are kept only when the call is taken further.",
  },
  relative_not_allowed: {
    sv: 'Uppgifter om en anhörig sparas bara när en anhörig ringer och samtalet tas vidare.',
    en: 'Details of a relative are kept only when a relative calls and the call is taken further.',
  },
  referral_required: {
    sv: 'Ange vilken organisation personen hänvisas till och varför.',
    en: 'Give the organisation the person is referred to, and why.',
  },
  referral_not_allowed: {
    sv: 'Hänvisning anges bara när beslutet är att hänvisa vidare.',
    en: 'A referral is given only when the decision is to refer elsewhere.',
  },
  callback_time_required: {
    sv: 'Ange när samtalet ska återkopplas.',
    en: 'Give the time to call back.',
  },
  callback_time_not_allowed: {
    sv: 'En återkopplingstid anges bara när beslutet är att ringa tillbaka.',
    en: 'A call-back time is given only when the decision is to call back.',
  },
  callback_in_past: {
    sv: 'Återkopplingstiden har redan passerat.',
    en: 'The call-back time has already passed.',
  },
  personnummer_format: {
    sv: 'Personnumret ska skrivas ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-NNNN.',
    en: 'The personnummer must be written YYMMDD-NNNN or YYYYMMDD-NNNN.',
  },
  personnummer_date: {
    sv: 'Personnumret innehåller ett datum som inte finns, eller som ligger i framtiden.',
    en: 'The personnummer contains a date that does not exist, or lies in the future.',
  },
  personnummer_checksum: {
    sv: 'Personnumrets kontrollsiffra stämmer inte. Kontrollera siffrorna.',
    en: "The personnummer's check digit does not match. Check the digits.",
  },
  invalid_phone: {
    sv: 'Telefonnumret får bara innehålla siffror, mellanslag, bindestreck, parenteser och ett inledande +.',
    en: 'The phone number may contain only digits, spaces, hyphens, brackets and a leading +.',
  },
  from_after_to: {
    sv: 'Från-datum ligger efter till-datum.',
    en: 'The from date is after the to date.',
  },
};

const isoDateTime = apiDateTime;
// A call opens a case whose code carries the year it was received: no earlier than case codes go.
const receivedAtDateTime = dateTimeBetween(CASE_CODE_MIN_YEAR, MAX_API_YEAR);
const isoDateOrDateTime = apiDateOrDateTime;

const optionalPhone = storableString()
  .trim()
  .max(40)
  .regex(/^(\+?[0-9 ()-]{3,40})?$/, { error: 'invalid_phone' })
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** A personnummer checked against `now` (no future birth dates) and normalised to 12 digits. */
function personnummerAt(clock: Clock) {
  return z
    .string()
    .optional()
    .transform((input, ctx) => {
      if (input === undefined || input.trim() === '') return undefined;
      const result = parsePersonnummer(input, { now: readClock(clock) });
      if (!result.ok) {
        // A fixed key, so the rejected number never reaches a log through the message.
        ctx.addIssue({ code: 'custom', message: `personnummer_${result.reason}` });
        return z.NEVER;
      }
      return result.value.normalised;
    });
}

function hasAnyValue(record: Readonly<Record<string, unknown>> | undefined): boolean {
  return record !== undefined && Object.values(record).some((value) => value !== undefined);
}

/**
 * The body of logging a call, checked against `now` (the server's clock): a call cannot be
 * received in the future, nor a call-back planned in the past.
 * SECURITY: an anonymous call carries no identity at all (no person, relative or contact for a
 * call-back), and a person's identity is accepted only when the call is taken further: nothing
 * identifying is stored for calls that lead nowhere.
 */
export function makeCreateCallBody(now: Clock) {
  return z
    .object({
      receivedAt: receivedAtDateTime.default(() => readClock(now).toISOString()),
      channel: z.enum(CALL_CHANNELS),
      callerType: z.enum(CALLER_TYPES),
      summary: storableString().trim().max(4000).default(''),
      callbackContact: optionalText(200),
      decision: z.enum(CALL_DECISIONS),
      referral: z
        .object({
          organisationName: requiredText(200),
          reason: requiredText(1000),
        })
        .optional(),
      callbackAt: isoDateTime.optional(),
      checklist: instrumentAnswersBody.optional(),
      person: z
        .strictObject({
          name: optionalText(200),
          personnummer: personnummerAt(now),
          phone: optionalPhone,
          address: optionalText(300),
        })
        .optional(),
      relative: z
        .strictObject({
          name: optionalText(200),
          phone: optionalPhone,
          relation: optionalText(100),
          protectionNeeds: optionalText(2000),
        })
        .optional(),
    })
    .superRefine((body, ctx) => {
      const nowMs = readClock(now).getTime();
      const issue = (message: CallValidationCode, path: string) =>
        ctx.addIssue({ code: 'custom', message, path: [path] });
      if (Date.parse(body.receivedAt) > nowMs + CALL_RECEIVED_FUTURE_TOLERANCE_MS)
        issue('received_in_future', 'receivedAt');

      if (body.callerType === 'anonymous') {
        if (body.callbackContact !== undefined) issue('anonymous_no_identity', 'callbackContact');
        if (hasAnyValue(body.person)) issue('anonymous_no_identity', 'person');
        if (hasAnyValue(body.relative)) issue('anonymous_no_identity', 'relative');
      } else {
        if (hasAnyValue(body.person) && body.decision !== 'take_further') issue('person_not_allowed', 'person');
        if (hasAnyValue(body.relative) && (body.callerType !== 'relative' || body.decision !== 'take_further')) {
          issue('relative_not_allowed', 'relative');
        }
      }

      if (body.decision === 'refer_elsewhere' && body.referral === undefined) issue('referral_required', 'referral');
      if (body.decision !== 'refer_elsewhere' && body.referral !== undefined) issue('referral_not_allowed', 'referral');

      if (body.decision === 'call_back') {
        if (body.callbackAt === undefined) issue('callback_time_required', 'callbackAt');
        else if (Date.parse(body.callbackAt) <= nowMs) issue('callback_in_past', 'callbackAt');
      } else if (body.callbackAt !== undefined) {
        issue('callback_time_not_allowed', 'callbackAt');
      }
    })
    .transform(({ person, relative, ...body }) => ({
      ...body,
      // Empty identity objects are dropped, so "no identity" has one shape: absent.
      ...(hasAnyValue(person) ? { person } : {}),
      ...(hasAnyValue(relative) ? { relative } : {}),
    }));
}

/** The body of logging a call, as validated. */
export type CreateCallBody = z.output<ReturnType<typeof makeCreateCallBody>>;
/** The body of logging a call, as sent. */
export type CreateCallInput = z.input<ReturnType<typeof makeCreateCallBody>>;

/**
 * The query string of listing calls; `from` must not be after `to`.
 * SECURITY: there is no filter on identity; the list shows no identities.
 */
export const callListQuery = z
  .object({
    from: isoDateOrDateTime.optional(),
    to: isoDateOrDateTime.optional(),
    callerType: z.enum(CALLER_TYPES).optional(),
    decision: z.enum(CALL_DECISIONS).optional(),
    handlerId: idSchema.optional(),
    ...pageQuery.shape,
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'from_after_to',
    path: ['from'],
  });
/** The query string of listing calls. */
export type CallListQuery = z.infer<typeof callListQuery>;
