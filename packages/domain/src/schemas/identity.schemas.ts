import { z } from 'zod';
import { parsePersonnummer } from '../personnummer.ts';

/**
 * A personnummer or samordningsnummer as typed; validated and normalised to 12 digits.
 * The issue message is a fixed key so the rejected value never reaches a log through it.
 */
export const personnummerSchema = z.string().transform((input, ctx) => {
  const result = parsePersonnummer(input);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: `personnummer_${result.reason}` });
    return z.NEVER;
  }
  return result.value.normalised;
});
