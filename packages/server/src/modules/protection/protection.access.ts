import { can, type Actor, type CaseResource } from '@utvag/domain';

type MostSensitiveAction = 'protection:read_address' | 'identity_link:read';

/** How the actor stands towards a most-sensitive view, for the client to offer it (display only). */
export function sensitiveViewState(
  actor: Actor,
  action: MostSensitiveAction,
  resource: CaseResource,
): 'allowed' | 'step_up_required' | 'forbidden' {
  if (can(actor, action, resource)) return 'allowed';
  return can({ ...actor, freshSecondFactor: true }, action, resource) ? 'step_up_required' : 'forbidden';
}

/**
 * SECURITY: a stated reason is kept in clear in the audit log and read by auditors; it must not
 * carry the secret it justifies. Catches the whole value and its first line (the street).
 */
export function reasonRepeatsSecret(reason: string, secret: string): boolean {
  const norm = (s: string) => s.toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();
  const r = norm(reason);
  const parts = [secret, secret.split(/[,\n]/)[0] ?? ''].map(norm).filter((p) => p.length >= 6);
  return parts.some((p) => r.includes(p));
}
