import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALL_DECISIONS,
  CALL_VALIDATION_CODES,
  CALL_VALIDATION_MESSAGES,
  CALLER_TYPES,
  callListQuery,
  makeCreateCallBody,
  type CreateCallInput,
} from './calls.ts';

const NOW = new Date('2026-03-10T02:47:00Z'); // a night shift
const schema = makeCreateCallBody(NOW);
const minutesFromNow = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

const base: CreateCallInput = {
  channel: 'hotline',
  callerType: 'self',
  summary: 'Man i 30-årsåldern vill lämna, hotad av gruppen.',
  decision: 'advice_only',
};

/** The validation codes of a rejected body, as 'path code'. */
function rejections(input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
}

describe('createCallBody', () => {
  it('accepts a minimal call and sets the time to now', () => {
    expect(schema.parse(base)).toEqual({ ...base, receivedAt: NOW.toISOString() });
  });

  it('accepts a call with no summary at all (a caller who hung up still counts)', () => {
    const { summary: _omitted, ...rest } = base;
    expect(schema.parse(rest).summary).toBe('');
  });

  it('accepts a call received earlier, and up to five minutes ahead of the server clock', () => {
    expect(schema.safeParse({ ...base, receivedAt: minutesFromNow(-180) }).success).toBe(true);
    expect(schema.safeParse({ ...base, receivedAt: minutesFromNow(5) }).success).toBe(true);
  });

  it('rejects a call received more than five minutes in the future', () => {
    expect(rejections({ ...base, receivedAt: minutesFromNow(6) })).toEqual(['receivedAt received_in_future']);
  });

  it('rejects a summary over 4000 characters and a call-back contact over 200', () => {
    expect(schema.safeParse({ ...base, summary: 'x'.repeat(4001) }).success).toBe(false);
    expect(schema.safeParse({ ...base, summary: 'x'.repeat(4000) }).success).toBe(true);
    expect(schema.safeParse({ ...base, callbackContact: 'x'.repeat(201) }).success).toBe(false);
  });

  it.each([
    ['channel', 'fax'],
    ['callerType', 'police'],
    ['decision', 'maybe'],
  ])('rejects the unknown %s %j', (field, value) => {
    expect(schema.safeParse({ ...base, [field]: value }).success).toBe(false);
  });

  describe('taking a call further', () => {
    const takeFurther: CreateCallInput = {
      ...base,
      decision: 'take_further',
      callbackContact: '070-123 45 67',
      person: { name: 'Adam Exempel', personnummer: '811228-9874', phone: '+46 70 123 45 67', address: 'Gatan 1' },
      checklist: { instrumentId: 'utvag-hotline-threat', instrumentVersion: 1, answers: { safe_place_tonight: 'no' } },
    };

    it('accepts the person and normalises the personnummer to 12 digits', () => {
      const parsed = schema.parse(takeFurther);
      expect(parsed.person).toEqual({
        name: 'Adam Exempel',
        personnummer: '198112289874',
        phone: '+46 70 123 45 67',
        address: 'Gatan 1',
      });
      expect(parsed.checklist?.answers).toEqual({ safe_place_tonight: 'no' });
    });

    it.each([
      ['811328-9874', 'personnummer_date'],
      ['811228-9875', 'personnummer_checksum'],
      ['81-12-28', 'personnummer_format'],
      ['20991228-9874', 'personnummer_date'],
    ])('rejects the impossible personnummer %j with %s, without echoing it', (personnummer, code) => {
      const result = schema.safeParse({ ...takeFurther, person: { personnummer } });
      expect(result.success).toBe(false);
      if (result.success) return;
      expect(result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`)).toEqual([
        `person.personnummer ${code}`,
      ]);
      expect(JSON.stringify(result.error.issues)).not.toContain(personnummer);
    });

    it('rejects a phone number with letters', () => {
      expect(rejections({ ...takeFurther, person: { phone: 'ring Adam' } })).toEqual(['person.phone invalid_phone']);
    });

    it('rejects an identity field it does not know, rather than dropping it silently', () => {
      expect(schema.safeParse({ ...takeFurther, person: { email: 'a@example.org' } }).success).toBe(false);
    });

    it('treats empty identity fields as not given and drops an empty person', () => {
      const parsed = schema.parse({ ...takeFurther, person: { name: ' ', personnummer: '', phone: '' } });
      expect(parsed).not.toHaveProperty('person');
    });

    it('never lets a checklist answer keyed "__proto__" reach the output or its prototype', () => {
      const checklist = JSON.parse(
        '{"instrumentId":"utvag-hotline-threat","instrumentVersion":1,"answers":{"__proto__":"yes","safe_now":"no"}}',
      );
      const answers = schema.parse({ ...takeFurther, checklist }).checklist?.answers ?? {};
      expect(Object.keys(answers)).toEqual(['safe_now']);
      expect(Object.getPrototypeOf(answers)).toBe(Object.prototype);
    });

    it('rejects a checklist with a malformed instrument reference', () => {
      expect(
        schema.safeParse({ ...takeFurther, checklist: { instrumentId: 'X', instrumentVersion: 0, answers: {} } })
          .success,
      ).toBe(false);
    });

    it.each(['refer_elsewhere', 'advice_only', 'call_back', 'no_action'] as const)(
      "rejects a person's identity when the decision is %s",
      (decision) => {
        const codes = rejections({
          ...base,
          decision,
          person: { name: 'Adam Exempel' },
          referral: decision === 'refer_elsewhere' ? { organisationName: 'Kommunen', reason: 'Bor där' } : undefined,
          callbackAt: decision === 'call_back' ? minutesFromNow(60) : undefined,
        });
        expect(codes).toEqual(['person person_not_allowed']);
      },
    );
  });

  describe('an anonymous call', () => {
    const anonymous: CreateCallInput = { ...base, callerType: 'anonymous' };

    it('is accepted with no identity', () => {
      expect(schema.safeParse(anonymous).success).toBe(true);
    });

    it('can be taken further without any identity', () => {
      expect(schema.safeParse({ ...anonymous, decision: 'take_further' }).success).toBe(true);
    });

    it.each([
      [{ callbackContact: '070-1234567' }, 'callbackContact'],
      [{ decision: 'take_further', person: { name: 'A' } }, 'person'],
      [{ decision: 'take_further', person: { personnummer: '811228-9874' } }, 'person'],
      [{ decision: 'take_further', person: { phone: '0701234567' } }, 'person'],
      [{ decision: 'take_further', person: { address: 'Gatan 1' } }, 'person'],
      [{ decision: 'take_further', relative: { name: 'Mamma' } }, 'relative'],
      [{ decision: 'take_further', relative: { protectionNeeds: 'Hotad' } }, 'relative'],
    ])('is rejected with %j as anonymous_no_identity', (extra, path) => {
      expect(rejections({ ...anonymous, ...extra })).toEqual([`${path} anonymous_no_identity`]);
    });

    it('keeps no identity whatever identity-free input it is given', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...CALL_DECISIONS),
          fc.constantFrom(undefined, {}, { name: '' }, { name: '  ', phone: '' }),
          (decision, person) => {
            const input = {
              ...anonymous,
              decision,
              person,
              referral:
                decision === 'refer_elsewhere' ? { organisationName: 'Fryshuset', reason: 'Passus' } : undefined,
              callbackAt: decision === 'call_back' ? minutesFromNow(30) : undefined,
            };
            const parsed = schema.parse(input);
            expect(parsed).not.toHaveProperty('person');
            expect(parsed).not.toHaveProperty('relative');
            expect(parsed.callbackContact).toBeUndefined();
          },
        ),
      );
    });
  });

  describe('a relative calling', () => {
    const relativeCall: CreateCallInput = {
      ...base,
      callerType: 'relative',
      decision: 'take_further',
      relative: {
        name: 'Eva Exempel',
        phone: '070-111 22 33',
        relation: 'Mamma',
        protectionNeeds: 'Bor i samma område.',
      },
    };

    it('records the relative apart from the person, with their own protection needs', () => {
      const parsed = schema.parse({ ...relativeCall, person: { name: 'Adam Exempel' } });
      expect(parsed.relative).toEqual(relativeCall.relative);
      expect(parsed.person).toEqual({ name: 'Adam Exempel' });
    });

    it("does not keep a relative's details on a call that is not taken further", () => {
      expect(rejections({ ...relativeCall, decision: 'advice_only' })).toEqual(['relative relative_not_allowed']);
    });

    it.each(['self', 'professional'] as const)('does not accept relative details from a %s caller', (callerType) => {
      expect(rejections({ ...relativeCall, callerType })).toEqual(['relative relative_not_allowed']);
    });
  });

  describe('a referral', () => {
    it('requires the organisation and the reason when referring elsewhere', () => {
      expect(rejections({ ...base, decision: 'refer_elsewhere' })).toEqual(['referral referral_required']);
      expect(
        schema.safeParse({ ...base, decision: 'refer_elsewhere', referral: { organisationName: '', reason: 'x' } })
          .success,
      ).toBe(false);
      expect(
        schema.safeParse({
          ...base,
          decision: 'refer_elsewhere',
          referral: { organisationName: 'Socialtjänsten', reason: 'Behöver stöd i boendet' },
        }).success,
      ).toBe(true);
    });

    it('is refused with any other decision', () => {
      expect(rejections({ ...base, referral: { organisationName: 'KRIS', reason: 'x' } })).toEqual([
        'referral referral_not_allowed',
      ]);
    });

    it('bounds the organisation name and the reason', () => {
      const referral = { organisationName: 'x'.repeat(201), reason: 'y'.repeat(1001) };
      expect(schema.safeParse({ ...base, decision: 'refer_elsewhere', referral }).success).toBe(false);
    });
  });

  describe('a call-back', () => {
    it('requires a time', () => {
      expect(rejections({ ...base, decision: 'call_back' })).toEqual(['callbackAt callback_time_required']);
    });

    it('requires the time to be in the future', () => {
      expect(rejections({ ...base, decision: 'call_back', callbackAt: minutesFromNow(-1) })).toEqual([
        'callbackAt callback_in_past',
      ]);
      expect(rejections({ ...base, decision: 'call_back', callbackAt: NOW.toISOString() })).toEqual([
        'callbackAt callback_in_past',
      ]);
      expect(schema.safeParse({ ...base, decision: 'call_back', callbackAt: minutesFromNow(1) }).success).toBe(true);
    });

    it('is refused with any other decision', () => {
      expect(rejections({ ...base, callbackAt: minutesFromNow(60) })).toEqual(['callbackAt callback_time_not_allowed']);
    });

    it('rejects a time that is not an ISO date-time', () => {
      expect(schema.safeParse({ ...base, decision: 'call_back', callbackAt: 'i morgon kl 10' }).success).toBe(false);
    });
  });

  it("judges the future against the clock it was made with, not the machine's", () => {
    const later = makeCreateCallBody(new Date('2026-03-10T05:00:00Z'));
    const input = { ...base, decision: 'call_back', callbackAt: '2026-03-10T04:00:00Z' };
    expect(schema.safeParse(input).success).toBe(true);
    expect(later.safeParse(input).success).toBe(false);
  });

  it('reports several faults at once', () => {
    expect(
      rejections({
        ...base,
        callerType: 'anonymous',
        callbackContact: '070',
        decision: 'refer_elsewhere',
        callbackAt: minutesFromNow(5),
      }).sort(),
    ).toEqual([
      'callbackAt callback_time_not_allowed',
      'callbackContact anonymous_no_identity',
      'referral referral_required',
    ]);
  });
});

describe('call validation messages', () => {
  it('has a Swedish and an English message for every code', () => {
    expect(Object.keys(CALL_VALIDATION_MESSAGES).sort()).toEqual([...CALL_VALIDATION_CODES].sort());
    for (const code of CALL_VALIDATION_CODES) {
      expect(CALL_VALIDATION_MESSAGES[code].sv.length).toBeGreaterThan(0);
      expect(CALL_VALIDATION_MESSAGES[code].en.length).toBeGreaterThan(0);
    }
  });
});

describe('callListQuery', () => {
  it('defaults the limit to 50 and reads it from the query string', () => {
    expect(callListQuery.parse({})).toEqual({ limit: 50 });
    expect(callListQuery.parse({ limit: '200' }).limit).toBe(200);
  });

  it.each(['0', '201', '1.5', 'all'])('rejects the limit %j', (limit) => {
    expect(callListQuery.safeParse({ limit }).success).toBe(false);
  });

  it('filters by date, caller type, decision and handler', () => {
    const query = {
      from: '2026-03-01',
      to: '2026-03-10T23:59:59+01:00',
      callerType: 'relative',
      decision: 'take_further',
      handlerId: '3f0c2a8e-5b1d-4c7e-9a2f-1d6b8e4c0a91',
    };
    expect(callListQuery.parse(query)).toEqual({ ...query, limit: 50 });
  });

  it('rejects a from date after the to date', () => {
    const result = callListQuery.safeParse({ from: '2026-03-10', to: '2026-03-01' });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.message).toBe('from_after_to');
  });

  it('rejects a handler that is not a uuid, and unknown caller types', () => {
    expect(callListQuery.safeParse({ handlerId: 'anna' }).success).toBe(false);
    expect(callListQuery.safeParse({ callerType: 'x' }).success).toBe(false);
  });

  it('offers no way to search by identity', () => {
    const parsed = callListQuery.parse({ name: 'Adam', personnummer: '198112289874' });
    expect(parsed).toEqual({ limit: 50 });
    expect(CALLER_TYPES).toContain('anonymous');
  });
});
