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

const RECONNECT_MS = [250, 500, 1000, 2000, 5000];

/**
 * Listens on the database and fans events out to this instance's open event streams. When the
 * LISTEN connection breaks (the database restarts, the network drops) it reconnects with backoff
 * and listens again; events sent while it was away are not replayed (screens reload their lists).
 */
export class LiveHub implements LiveEvents {
  readonly #emitter = new EventEmitter();
  readonly #url: string;
  readonly #onError: (error: Error) => void;
  #client: pg.Client | null = null;
  #stopped = false;
  #retry: NodeJS.Timeout | null = null;
  #failures = 0;

  constructor(url: string, onError: (error: Error) => void = () => {}) {
    this.#url = url;
    this.#onError = onError;
    this.#emitter.setMaxListeners(0);
  }

  /** Connects and listens; rejects when the first connection fails. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url, options: '-c role=utvag_app' });
    let connected = false;
    let lost = false;
    const onLost = (error?: Error) => {
      // Before the connection stands, start() itself reports the failure.
      if (!connected || lost) return;
      lost = true;
      if (this.#client === client) this.#client = null;
      if (this.#stopped) return;
      this.#onError(error ?? new Error('the LISTEN connection ended'));
      this.#scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const event = JSON.parse(message.payload) as LiveEvent;
      this.#emitter.emit(event.userId, event);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    connected = true;
    this.#client = client;
    this.#failures = 0;
  }

  /** Whether the LISTEN connection is up (for readiness). */
  get listening(): boolean {
    return this.#client !== null;
  }

  #scheduleReconnect(): void {
    const delay = RECONNECT_MS[Math.min(this.#failures, RECONNECT_MS.length - 1)]!;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (this.#stopped) return;
      this.start().catch((error: unknown) => {
        this.#failures += 1;
        if (this.#failures === 1) this.#onError(error as Error);
        this.#scheduleReconnect();
      });
    }, delay);
    this.#retry.unref();
  }

  /** Subscribes to one user's events; returns the unsubscribe function. */
  subscribe(userId: string, listener: (event: LiveEvent) => void): () => void {
    this.#emitter.on(userId, listener);
    return () => this.#emitter.off(userId, listener);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }
}
