import type { FastifyInstance } from 'fastify';
import { cleanBody } from '../domain/text.ts';

/** One rule for all text that enters by a JSON body, before any schema or service sees it. */
export function installTextRules(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.body !== undefined && request.body !== null && typeof request.body === 'object') request.body = cleanBody(request.body);
  });
}
