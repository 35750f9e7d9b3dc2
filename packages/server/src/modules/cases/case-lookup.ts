import { AppError, authorize, parsePersonnummer, programmeOf } from '@utvag/domain';
import type { ServiceContext } from '../../service-context.ts';
import { blindIndex } from '../crypto/field-crypto.ts';
import { casesByPersonnummerIndex, teamMembersOfCases } from './cases.repository.ts';

/**
 * Is this personnummer already known in the programme (an earlier case, a relapse)? SECURITY:
 * someone not on that case's team learns only that it exists and whom to contact — no code, no
 * state, nothing of its contents. The lookup is logged with its purpose.
 */
export async function lookupPersonnummer(ctx: ServiceContext, personnummer: string) {
  authorize(ctx.actor, 'case:lookup_personnummer', programmeOf(ctx.actor));
  const parsed = parsePersonnummer(personnummer);
  if (!parsed.ok) {
    throw new AppError('validation', {
      message: 'The personnummer is not valid.',
      messageKey: 'errors.personnummer_invalid',
      fieldErrors: { personnummer: [`validation.personnummer_${parsed.reason}`] },
    });
  }
  const index = blindIndex(ctx.deps.keys.blindIndex, parsed.value.normalised, 'personnummer');
  const found = await casesByPersonnummerIndex(ctx.tx, ctx.actor.programmeId, index);
  const caseIds = found.map((f) => f.caseId);
  const team = caseIds.length === 0 ? [] : await teamMembersOfCases(ctx.tx, caseIds);
  await ctx.audit({
    action: 'case:lookup_personnummer',
    purpose: 'intake_duplicate_check',
    details: { matches: found.length },
  });
  return found.map((f) => {
    const members = team.filter((m) => m.caseId === f.caseId);
    const onTeam = members.some((m) => m.userId === ctx.actor.userId);
    const owners = members.filter((m) => m.isOwner);
    return {
      onTeam,
      caseId: onTeam ? f.caseId : null,
      caseCode: onTeam ? f.code : null,
      contacts: (owners.length > 0 ? owners : members).map((m) => ({ displayName: m.displayName })),
    };
  });
}
