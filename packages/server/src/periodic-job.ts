// The shape of every background job an app instance runs (the audit sealer, the mail outbox):
// one run at a time in this process, the next `intervalMs` after the last ended, a failure logged
// once per outage (not every run while the database is away) and the recovery once. Which instance
// does the work is decided in the database (an advisory lock, FOR UPDATE SKIP LOCKED), never here.

type JobLog = { error: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };

export type PeriodicJob = {
  /** One run now, after any run in progress (the sealer's last pass at an orderly stop). */
  runOnce: () => Promise<void>;
  /** Stops scheduling and waits for the run in progress. */
  stop: () => Promise<void>;
};

/** Starts `work` every `intervalMs`; `work` gets `stopping()` so a long run can end early. */
export function startPeriodicJob(
  name: string,
  intervalMs: number,
  log: JobLog,
  work: (stopping: () => boolean) => Promise<void>,
): PeriodicJob {
  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      await work(() => stopped);
      if (failing) log.info({ job: name }, `${name} works again`);
      failing = false;
    } catch (error) {
      if (!failing) log.error({ err: error, job: name }, `${name} failed; retrying every run until it works`);
      failing = true;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    runOnce: async () => {
      await running;
      await run();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
