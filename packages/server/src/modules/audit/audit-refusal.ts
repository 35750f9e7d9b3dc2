import { AppError, type FieldMessageKey } from '@utvag/domain';
import type { AuditEvent, ServiceContext } from '../../service-context.ts';

/** The audit entry a refusal must leave behind; carried as the refusal error's cause. */
class RefusalRecord {
  readonly event: AuditEvent;
  constructor(event: AuditEvent) {
    this.event = event;
  }
}

/**
 * A refusal to throw, which `withActor` records in the audit log.
 * SECURITY: `withActor` rolls its transaction back when the service throws, and an audit entry
 * appended in that transaction would vanish with it; a refused access must still be logged.
 */
export function refusal(
  ctx: ServiceContext,
  code: 'forbidden' | 'not_found',
  event: Omit<AuditEvent, 'actorUserId' | 'programmeId' | 'outcome'>,
  says: { message: string; messageKey: FieldMessageKey } | undefined = undefined,
): AppError {
  return new AppError(code, {
    ...says,
    cause: new RefusalRecord({
      ...event,
      actorUserId: ctx.actor.userId,
      programmeId: ctx.actor.programmeId || null,
      outcome: 'denied',
    }),
  });
}

/** The audit entry a refusal carries, or null for any other error. */
export function refusedEvent(error: unknown): AuditEvent | null {
  return error instanceof AppError && error.cause instanceof RefusalRecord ? error.cause.event : null;
}
