import { z } from 'zod';
import type { SensitivityLevel } from './sections.ts';

/** How long emergency access to a case lasts once granted. */
export const BREAK_GLASS_HOURS = 4;

/**
 * The most sensitive section class break-the-glass can read (see `SECTION_SENSITIVITY`).
 * SECURITY: 3 means identity, threat, plan, economy, support and follow-up, never the
 * protection section (4); the protected address and the sealed identity link are never opened
 * by break-the-glass at all, whatever this value.
 */
export const BREAK_GLASS_MAX_SENSITIVITY: SensitivityLevel = 3;

/** The shortest reason accepted: long enough to say what the emergency is. */
export const BREAK_GLASS_MIN_REASON_LENGTH = 10;

/** Days a coordinator's role must have been in force before they may break the glass. */
export const DEFAULT_BREAK_GLASS_MIN_ROLE_DAYS = 7;

/**
 * True when a case-reading role granted (confirmed) at `roleSince` is old enough for
 * break-the-glass under a programme's `minRoleDays`.
 * SECURITY: an account made for the purpose (by an insider who got a role confirmed) cannot
 * open every case at once; it must first exist, visibly, for the programme's period.
 */
export function isRoleSeasonedForBreakGlass(roleSince: Date, minRoleDays: number, now: Date): boolean {
  return now.getTime() - roleSince.getTime() >= minRoleDays * 24 * 60 * 60 * 1000;
}

/** A break-the-glass grant as the server stores it. */
export type BreakGlassGrant = { caseId: string; userId: string; grantedAt: Date; expiresAt: Date };

/** When a grant made at `grantedAt` runs out. */
export function breakGlassExpiresAt(grantedAt: Date): Date {
  return new Date(grantedAt.getTime() + BREAK_GLASS_HOURS * 60 * 60 * 1000);
}

/** True while a grant is in force: from its grant up to (not including) its expiry. */
export function isBreakGlassActive(grant: Pick<BreakGlassGrant, 'grantedAt' | 'expiresAt'>, now: Date): boolean {
  const t = now.getTime();
  return grant.grantedAt.getTime() <= t && t < grant.expiresAt.getTime();
}

/**
 * The case ids to put in `Actor.breakGlassCaseIds`: the user's grants still in force at `now`.
 * SECURITY: only this user's grants, and only unexpired ones.
 */
export function activeBreakGlassCaseIds(grants: readonly BreakGlassGrant[], userId: string, now: Date): string[] {
  if (userId.length === 0) return [];
  return [...new Set(grants.filter((g) => g.userId === userId && isBreakGlassActive(g, now)).map((g) => g.caseId))];
}

/** The body of breaking the glass: the stated reason, which the owner and the auditors see. */
export const breakGlassBody = z.object({
  reason: z
    .string({ error: 'break_glass_reason_required' })
    .trim()
    .min(BREAK_GLASS_MIN_REASON_LENGTH, { error: 'break_glass_reason_required' })
    .max(2000),
});

/** The body of breaking the glass, as validated. */
export type BreakGlassBody = z.output<typeof breakGlassBody>;
