import { generateSync } from 'otplib';

/** A user who signs in with password + TOTP; `lastStep` is the last time step a code was made for. */
export type TotpUser = { username: string; password: string; secret: string; lastStep: number };

const TOTP_STEP_SECONDS = 30;

/**
 * A TOTP code the server has not seen yet. A code can never be used twice (the server records
 * the time step) and the server accepts one step of drift either way, so this takes the earliest
 * unused step of the previous, current and next window, and waits for the clock only when all
 * three are spent. The previous window is used only well before the current one ends.
 */
export async function freshTotp(user: TotpUser): Promise<string> {
  for (;;) {
    const nowSeconds = Date.now() / 1000;
    const current = Math.floor(nowSeconds / TOTP_STEP_SECONDS);
    const secondsLeft = (current + 1) * TOTP_STEP_SECONDS - nowSeconds;
    const candidates = secondsLeft > 5 ? [current - 1, current, current + 1] : [current, current + 1];
    const step = candidates.find((s) => s > user.lastStep);
    if (step !== undefined) {
      user.lastStep = step;
      return generateSync({ secret: user.secret, epoch: step * TOTP_STEP_SECONDS });
    }
    // Waiting for a condition: the next 30-second window.
    await new Promise((r) => setTimeout(r, secondsLeft * 1000 + 50));
  }
}
