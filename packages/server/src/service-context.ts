import type { Actor, AuditAction, LiveEventType } from '@utvag/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database, Tx } from './db/database.ts';

// The types every module's services share. SECURITY/layering: this file imports no module and
// nothing from http/, so the modules and the HTTP layer that drives them never import each other
// (that used to be a cycle: http/context.ts ↔ audit ↔ auth). The boundary check keeps it so.

/** The server's key material. None of it is ever stored in the database. */
export type Keys = {
  /** Wraps per-record data keys and server-held secrets (AES-256-GCM). */
  master: Buffer;
  /** Keyed blind index for personnummer lookups (HMAC-SHA-256). */
  blindIndex: Buffer;
  /**
   * Keyed blind index of a placement's municipality, for the placement-conflict check
   * (HMAC-SHA-256). A subkey of its own: the personnummer index key opens no municipality.
   */
  placementIndex: Buffer;
  /** Signs audit checkpoints (HMAC-SHA-256). */
  auditCheckpoint: Buffer;
  /** MACs each audit entry and links the sealed chain (HMAC-SHA-256); see decision 008. */
  auditChain: Buffer;
  /** Keys the sign-in throttle table, so it holds no usernames or addresses (HMAC-SHA-256). */
  throttle: Buffer;
  /** Encrypts and authenticates list cursors, so a cursor is opaque and cannot be forged (decision 014). */
  listCursor: Buffer;
};

/** A message for staff. SECURITY: it carries no personal data — case codes and links only. */
export type StaffMail = { to: string; subject: string; text: string };

/** Staff e-mail: SMTP when configured, otherwise a no-op that says so. */
export type Mailer = { send: (mail: StaffMail) => Promise<void>; close: () => void; configured: boolean };

/** A live event for one user's open screens. SECURITY: ids and case codes only, never personal data. */
export type LiveEvent = {
  userId: string;
  type: LiveEventType;
  caseId: string;
  caseCode: string;
  at: string;
};

/** Live events to open screens, across app instances (LISTEN/NOTIFY); `LiveHub` implements it. */
export type LiveEvents = {
  /** Subscribes to one user's events; returns the unsubscribe function. */
  subscribe: (userId: string, listener: (event: LiveEvent) => void) => () => void;
  stop: () => Promise<void>;
};

/** What every route and service may use; built once at start. */
export type AppDeps = {
  config: Config;
  database: Database;
  keys: Keys;
  /** Built web app to serve, or null when only the API runs. */
  webDist: string | null;
  /** Staff e-mail (no personal data). */
  mailer: Mailer;
  /** Live events to open screens, across app instances (LISTEN/NOTIFY). */
  live: LiveEvents;
};

/** What a caller states about an audited event. Never personal data: ids and codes only. */
export type AuditEvent = {
  actorUserId: string | null;
  programmeId: string | null;
  /** One of the domain's closed list of audit actions (`AUDIT_ACTIONS`). */
  action: AuditAction;
  outcome?: 'success' | 'failure' | 'denied';
  recordType?: string | null;
  recordId?: string | null;
  /** The justification, where the law asks for one (consultation, disclosure). */
  purpose?: string | null;
  /** The receiving organisation, for disclosures. */
  recipient?: string | null;
  details?: Record<string, string | number | boolean | null> | null;
};

/** An audit event as a service states it: the actor and programme come from the context. */
export type ContextAuditEvent = Omit<AuditEvent, 'actorUserId' | 'programmeId'>;

/** The context a service function receives: the actor, its transaction, audit and log. */
export type ServiceContext = {
  actor: Actor;
  tx: Tx;
  audit: (event: ContextAuditEvent) => Promise<void>;
  /** Several entries in one write, in the order given (a read that logs each section it shows). */
  auditAll: (events: readonly ContextAuditEvent[]) => Promise<void>;
  log: FastifyBaseLogger;
  deps: AppDeps;
};

export type { Config, Database, Tx };

/**
 * A body the route's contract schema has checked, opened by the service only after its access
 * check: opening it throws the route's 422 if the body was faulty (http/deferred-body.ts).
 */
export type DeferredBody<T> = () => T;
