import { useEffect, useState } from 'react';

/**
 * Reads `#token=…` from the address. SECURITY: the token travels in the fragment so it never
 * reaches a server log; once read it is also removed from the address bar and this history entry.
 */
export function useFragmentToken(): string | null {
  const [token] = useState(() => {
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    const value = params.get('token');
    return value && value.trim() !== '' ? value.trim() : null;
  });
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname);
    }
  }, []);
  return token;
}
