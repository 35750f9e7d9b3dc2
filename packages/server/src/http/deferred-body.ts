import type { FastifyRequest } from 'fastify';
import type { DeferredBody } from '../service-context.ts';

// Some bodies are judged only after the access check: someone who may not write to a section
// learns nothing from it, not even which field is wrong. Their routes still check the body with
// the contract's schema (one validation, described in OpenAPI), but with `attachValidation` the
// verdict waits; the service opens the body after it has authorized the actor.

/**
 * The request's body, to open later. A fault anywhere but the body (a malformed id in the path)
 * is answered at once, as without deferral; a fault in the body is thrown when it is opened, in
 * the same 422 format as every schema fault.
 */
export function deferredBody<T>(request: FastifyRequest & { body: T }): DeferredBody<T> {
  const fault = request.validationError;
  if (fault && fault.validationContext !== 'body') throw fault;
  return () => {
    if (fault) throw fault;
    return request.body;
  };
}

/** Route options for a route whose body is opened after the access check. */
export const deferBodyValidation = { attachValidation: true } as const;
