import type { FastifyInstance } from 'fastify';

/** The auditor's log search and chain verification (see audit.service.ts). */
export async function auditRoutes(_fastify: FastifyInstance) {}
