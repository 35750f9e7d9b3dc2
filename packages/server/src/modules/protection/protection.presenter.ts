import type { protectedDataApplications } from '../../db/schema.ts';
import type { PlacementSummaryRow } from './protection.repository.ts';

/** A placement as it leaves the server. SECURITY: there is no address field here, by design. */
export function presentPlacement(row: PlacementSummaryRow) {
  return {
    id: row.id,
    caseId: row.caseId,
    providerKind: row.providerKind,
    providerName: row.providerName,
    ivoPermitNumber: row.ivoPermit,
    municipality: row.municipality,
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
