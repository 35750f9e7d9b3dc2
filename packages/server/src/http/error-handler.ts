import { AppError } from '@utvag/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { describeIssue } from './validation-messages.ts';

/** The one place errors become responses. Only AppError messages reach the client. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error.cause ?? error }, 'request failed');
      return reply.status(error.status).send(error.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => {
        const described = describeIssue(issue.keyword, issue.message);
        return {
          path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
          message: described.messages.en,
          messageKey: described.messageKey,
          messages: described.messages,
        };
      });
      return reply.status(422).send({
        error: {
          code: 'validation',
          message: 'Some of the information given is not valid.',
          messageKey: 'errors.validation',
          fields,
        },
      });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Framework errors for bad input (malformed JSON, wrong content type, too large).
      return reply.status(status).send({
        error: {
          code: status === 429 ? 'rate_limited' : 'bad_request',
          message: status === 429 ? 'Too many requests. Wait a moment.' : 'The request could not be understood.',
          messageKey: status === 429 ? 'errors.rate_limited' : 'errors.bad_request',
          fields: [],
        },
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal', message: 'Something went wrong.', messageKey: 'errors.internal', fields: [] },
    });
  });
}
