import { useEffect } from 'react';
import { getLastActivityAt, onApiActivity } from '../../api/client.ts';
import { endSessionLocally } from './endSession.ts';

// The server measures idle time from when a request arrives; wait a little longer so the screen
// is cleared only once the server has certainly ended the session.
const GRACE_MS = 5_000;

/**
 * Clears the screen and returns to sign-in when the server's idle timeout has passed with no
 * request. It never sends a request itself, so it cannot keep a session alive.
 */
export function useIdleExpiry(idleTimeoutSeconds: number | undefined): void {
  useEffect(() => {
    if (!idleTimeoutSeconds) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      if (timer) clearTimeout(timer);
      const due = getLastActivityAt() + idleTimeoutSeconds * 1000 + GRACE_MS - Date.now();
      timer = setTimeout(() => endSessionLocally('expired'), Math.max(due, 0));
    };
    arm();
    const unsubscribe = onApiActivity(arm);
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [idleTimeoutSeconds]);
}
