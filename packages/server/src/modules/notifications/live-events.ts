import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Tx } from '../../db/database.ts';
import type { LiveEvent, LiveEvents } from '../../service-context.ts';
import { queueNotification } from './notifications.repository.ts';

export type { LiveEvent };

const CHANNEL = 'utvag_live';

/**
 * Queues a live event inside the caller's transaction: PostgreSQL delivers NOTIFY only on commit,
 * so nobody is told about a case that was rolled back, and every app instance hears it.
 */
export async function notifyLive(tx: Tx, event: LiveEvent): Promise<void> {
  await queueNotification(tx, CHANNEL, JSON.stringify(event));
}

/** Listens on the database and fans events out to this instance's open event streams. */
export class LiveHub implements LiveEvents {
  readonly #emitter = new EventEmitter();
  readonly #url: string;
  #client: pg.Client | null = null;

  constructor(url: string) {
    this.#url = url;
    this.#emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url, options: '-c role=utvag_app' });
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const event = JSON.parse(message.payload) as LiveEvent;
      this.#emitter.emit(event.userId, event);
    });
    await client.query(`LISTEN ${CHANNEL}`);
    this.#client = client;
  }

  /** Subscribes to one user's events; returns the unsubscribe function. */
  subscribe(userId: string, listener: (event: LiveEvent) => void): () => void {
    this.#emitter.on(userId, listener);
    return () => this.#emitter.off(userId, listener);
  }

  async stop(): Promise<void> {
    await this.#client?.end();
    this.#client = null;
  }
}
