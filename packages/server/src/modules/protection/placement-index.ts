import { normaliseMunicipality } from '@utvag/domain';
import { blindIndex } from '../crypto/field-crypto.ts';
import type { Keys } from '../crypto/keys.ts';

/**
 * The keyed blind index of a placement's municipality: equal for two spellings the domain counts
 * as one municipality, and nothing without the server's key. SECURITY: the placement-conflict
 * check compares these, so the database never holds where a protected person lives in clear;
 * the index key is a subkey of its own (`placementIndex`), never the personnummer index key.
 */
export function municipalityIndex(keys: Keys, municipality: string): Buffer {
  return blindIndex(keys.placementIndex, normaliseMunicipality(municipality), 'placement-municipality');
}
