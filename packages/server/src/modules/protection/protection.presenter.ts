import type { protectedDataApplications } from '../../db/schema.ts';
import type { CaseCrypto } from '../cases/case-crypto.ts';
import type { PlacementSummaryRow } from './protection.repository.ts';

/**
 * A placement as it leaves the server, its provider and municipality decrypted under the case's
 * key. SECURITY: there is no address field here, by design.
 */
export function presentPlacement(row: PlacementSummaryRow, crypto: CaseCrypto) {
  return {
    id: row.id,
    caseId: row.caseId,
    providerKind: row.providerKind,
    providerName: crypto.decrypt('placements', 'provider_name_enc', row.id, row.providerNameEnc),
    ivoPermitNumber: crypto.decryptOptional('placements', 'ivo_permit_enc', row.id, row.ivoPermitEnc),
    municipality: crypto.decrypt('placements', 'municipality_enc', row.id, row.municipalityEnc),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    /** Whole öre per day, as recorded (the domain's unit). */
    costPerDayOre: row.costPerDayOre,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentProtectedData(row: typeof protectedDataApplications.$inferSelect) {
  return {
    id: row.id,
    kind: row.kind,
    authority: row.authority,
    status: row.status,
    appliedOn: row.appliedOn,
    decidedOn: row.decidedOn,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentMeasure(
  row: { id: string; kind: string; status: string; startsOn: string | null; endsOn: string | null; createdAt: Date },
  note: string | null,
) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    note,
    createdAt: row.createdAt.toISOString(),
  };
}
