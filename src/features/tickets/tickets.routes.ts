import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const ticketsRoutes: FastifyPluginAsyncZod = async () => {};
