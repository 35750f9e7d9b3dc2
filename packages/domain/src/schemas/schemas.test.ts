import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { inviteUserBody, createOrganisationBody, createProgrammeBody, updateRolesBody } from './admin.schemas.ts';
import { auditSearchQuery } from './audit.schemas.ts';
import { loginBody, recoveryCode, totpCode } from './auth.schemas.ts';
import { abilitiesSchema, errorBodySchema } from './common.schemas.ts';
import { personnummerSchema } from './identity.schemas.ts';

const ORG_ID = '3f0c2a8e-5b1d-4c7e-9a2f-1d6b8e4c0a91';

describe('auth schemas', () => {
  it('trims and lower-cases the username at sign-in', () => {
    expect(loginBody.parse({ username: ' Anna.B ', password: 'x' })).toEqual({ username: 'anna.b', password: 'x' });
  });

  it('refuses an empty or huge password at sign-in', () => {
    expect(loginBody.safeParse({ username: 'anna', password: '' }).success).toBe(false);
    expect(loginBody.safeParse({ username: 'anna', password: 'x'.repeat(1025) }).success).toBe(false);
  });

  it('accepts six digits, with a space between groups, as a TOTP code', () => {
    expect(totpCode.parse('123456')).toBe('123456');
    expect(totpCode.parse('123 456')).toBe('123456');
    for (const bad of ['12345', '1234567', '12345a', '']) expect(totpCode.safeParse(bad).success).toBe(false);
  });

  it('normalises recovery codes and refuses ambiguous characters', () => {
    expect(recoveryCode.parse('abcde-fghjk')).toBe('ABCDEFGHJK');
    expect(recoveryCode.parse('ABCDEFGHJK')).toBe('ABCDEFGHJK');
    expect(recoveryCode.safeParse('ABCDE-FGHI0').success).toBe(false);
    expect(recoveryCode.safeParse('ABCDE').success).toBe(false);
  });
});

describe('admin schemas', () => {
  const invite = { username: 'anna.b', displayName: 'Anna B', organisationId: ORG_ID, roles: ['coordinator'] };

  it('accepts a valid invitation', () => {
    expect(inviteUserBody.parse(invite)).toEqual(invite);
  });

  it.each(['ab', 'Anna', 'anna b', 'a'.repeat(65), 'anna@x'])('refuses the username %j', (username) => {
    expect(inviteUserBody.safeParse({ ...invite, username }).success).toBe(false);
  });

  it('refuses no roles, unknown roles and duplicate roles', () => {
    for (const roles of [[], ['root'], ['coach', 'coach']]) {
      expect(inviteUserBody.safeParse({ ...invite, roles }).success).toBe(false);
    }
  });

  it('refuses an administrator who also holds a case role (separation of duties)', () => {
    expect(updateRolesBody.safeParse({ roles: ['administrator', 'coordinator'] }).success).toBe(false);
    expect(updateRolesBody.safeParse({ roles: ['auditor', 'management'] }).success).toBe(false);
    expect(updateRolesBody.safeParse({ roles: ['coordinator', 'hotline_officer'] }).success).toBe(true);
  });

  it('refuses a non-UUID organisation and an empty or over-long display name', () => {
    expect(inviteUserBody.safeParse({ ...invite, organisationId: 'org-1' }).success).toBe(false);
    expect(inviteUserBody.safeParse({ ...invite, displayName: '   ' }).success).toBe(false);
    expect(inviteUserBody.safeParse({ ...invite, displayName: 'x'.repeat(121) }).success).toBe(false);
  });

  it('accepts only the known organisation kinds', () => {
    expect(createOrganisationBody.safeParse({ name: 'Kriminalvården', kind: 'prison_probation' }).success).toBe(true);
    expect(createOrganisationBody.safeParse({ name: 'Gänget', kind: 'gang' }).success).toBe(false);
  });

  it('accepts a programme code of 2–6 capital letters only', () => {
    const base = { name: 'Stockholm', requirePhishingResistant: true };
    expect(createProgrammeBody.safeParse({ ...base, code: 'STHLM' }).success).toBe(true);
    for (const code of ['S', 'sthlm', 'STHLM12', 'STOCKHOLM']) {
      expect(createProgrammeBody.safeParse({ ...base, code }).success).toBe(false);
    }
    expect(createProgrammeBody.safeParse({ name: 'X', code: 'XX' }).success).toBe(false);
  });
});

describe('audit schemas', () => {
  it('defaults the limit to 100 and coerces it from the query string', () => {
    expect(auditSearchQuery.parse({}).limit).toBe(100);
    expect(auditSearchQuery.parse({ limit: '25' }).limit).toBe(25);
  });

  it('refuses a limit outside 1–500', () => {
    for (const limit of ['0', '501', '1.5', 'x']) expect(auditSearchQuery.safeParse({ limit }).success).toBe(false);
  });

  it('accepts ISO dates and date-times and refuses from after to', () => {
    expect(auditSearchQuery.safeParse({ from: '2025-01-01', to: '2025-01-31T23:59:59Z' }).success).toBe(true);
    expect(auditSearchQuery.safeParse({ from: '2025-02-01', to: '2025-01-01' }).success).toBe(false);
    expect(auditSearchQuery.safeParse({ from: '31/01/2025' }).success).toBe(false);
  });

  it('requires UUIDs for user and record ids', () => {
    expect(auditSearchQuery.safeParse({ userId: ORG_ID, recordId: ORG_ID }).success).toBe(true);
    expect(auditSearchQuery.safeParse({ userId: '1 OR 1=1' }).success).toBe(false);
  });
});

describe('common schemas', () => {
  it('describes the body AppError sends', () => {
    expect(errorBodySchema.parse(new AppError('forbidden').toBody()).error.code).toBe('forbidden');
  });

  it('accepts only known actions as abilities', () => {
    expect(abilitiesSchema.safeParse(['case:read']).success).toBe(true);
    expect(abilitiesSchema.safeParse(['case:delete']).success).toBe(false);
  });

  it('normalises a personnummer and names the reason without echoing the number', () => {
    expect(personnummerSchema.parse('811228-9874')).toBe('198112289874');
    const result = personnummerSchema.safeParse('811228-9875');
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain('9875');
    expect(result.error?.issues[0]?.message).toBe('personnummer_checksum');
  });
});
