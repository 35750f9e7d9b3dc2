import type { AppDeps } from '../../service-context.ts';
import { writeCheckpoint } from './audit-verify.ts';

/** Writes a signed checkpoint every few minutes (only when the chain grew) and once more at stop. */
export function startAuditCheckpoints(deps: AppDeps): { stop: () => Promise<void> } {
  let lastHead = -1;
  const tick = async () => {
    const { rows } = await deps.database.pool.query<{ n: string | null }>('select max(seq) as n from audit_log');
    const head = Number(rows[0]?.n ?? 0);
    if (head === lastHead) return;
    await writeCheckpoint(deps.database.pool, deps.config.auditCheckpointFile, deps.keys.auditCheckpoint);
    lastHead = head;
  };
  const timer = setInterval(() => void tick().catch(() => {}), deps.config.auditCheckpointMinutes * 60 * 1000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await tick().catch(() => {});
    },
  };
}
