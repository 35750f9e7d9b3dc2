import { markSignedIn } from '../../api/client.ts';
import { queryClient } from '../../queryClient.ts';

/** Why the user lands on the sign-in screen; shown there as a notice. */
export type SignInReason = 'expired' | 'signed_out';

type Navigator = (path: string, state: { reason: SignInReason } | null) => void;

let navigate: Navigator = (path) => window.location.assign(path);

/** The router registers how to navigate outside React (used from the API layer and timers). */
export function registerNavigator(fn: Navigator): void {
  navigate = fn;
}

/**
 * Forgets everything the browser holds about the session and goes to sign-in.
 * SECURITY: the query cache may hold personal data; it is dropped before the next screen shows.
 */
export function endSessionLocally(reason: SignInReason | null): void {
  markSignedIn(false);
  queryClient.clear();
  navigate('/login', reason ? { reason } : null);
}
