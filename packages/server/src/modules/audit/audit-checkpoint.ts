import { checkpointDestinations } from '../../config.ts';
import type { AppDeps } from '../../service-context.ts';
import { startAuditSealer } from './audit-sealer.ts';
import { signVerifiedHead } from './audit-verify.ts';

type Log = { error: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };

/**
 * The audit log's background work in one app instance: the sealer (every quarter second; one
 * instance at a time seals) and a signed checkpoint every few minutes, of a head verified from
 * the previous checkpoint on. At stop: a last sealing pass, then a last checkpoint.
 */
export function startAuditBackground(deps: AppDeps, log: Log): { stop: () => Promise<void> } {
  const sealer = startAuditSealer(deps.database.pool, deps.keys, log);
  const checkpoint = async () => {
    const result = await signVerifiedHead(deps.database.pool, deps.keys, checkpointDestinations(deps.config));
    if (result.broken) {
      // SECURITY: nothing is signed over a chain that does not verify; the operator must look.
      log.error({ broken: result.broken }, 'audit checkpoint refused: the audit log does not verify');
    }
  };
  const timer = setInterval(
    () => void checkpoint().catch((error) => log.error({ err: error }, 'audit checkpoint failed')),
    deps.config.auditCheckpointMinutes * 60 * 1000,
  );
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await sealer.stop();
      await checkpoint().catch((error) => log.error({ err: error }, 'audit checkpoint failed'));
    },
  };
}
