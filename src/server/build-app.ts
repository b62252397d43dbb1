import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config, TrustProxy } from '#src/config/config';
import { auditRoutes } from '#src/features/audit/audit.routes';
import { authRoutes } from '#src/features/auth/auth.routes';
import { authenticatePlugin } from '#src/features/auth/authenticate.hook';
import { campaignsRoutes } from '#src/features/campaigns/campaigns.routes';
import { consumptionRoutes } from '#src/features/consumption/consumption.routes';
import { contactsRoutes } from '#src/features/contacts/contacts.routes';
import { dailySummaryRoutes } from '#src/features/daily-summary/daily-summary.routes';
import { dashboardsRoutes } from '#src/features/dashboards/dashboards.routes';
import { decisionsRoutes } from '#src/features/decisions/decisions.routes';
import { forecastingRoutes } from '#src/features/forecasting/forecasting.routes';
import { healthRoutes } from '#src/features/health/health.routes';
import { ingestRoutes } from '#src/features/ingest/ingest.routes';
import { modelRoutes } from '#src/features/model/models.routes';
import { offersRoutes } from '#src/features/offers/offers.routes';
import { planningRoutes } from '#src/features/planning/planning.routes';
import { queueRoutes } from '#src/features/queue/queue.routes';
import { runRoutes } from '#src/features/scoring/runs/runs.routes';
import { scoreRoutes } from '#src/features/scoring/scores/scores.routes';
import { settingsRoutes } from '#src/features/scoring/settings/settings.routes';
import { scriptsRoutes } from '#src/features/scripts/scripts.routes';
import { subscriberServiceReportRoutes } from '#src/features/service-report/service-report.routes';
import { smsRoutes } from '#src/features/sms/sms.routes';
import { subscriberRoutes } from '#src/features/subscribers/subscribers.routes';
import { targetsRoutes } from '#src/features/targets/targets.routes';
import { serviceReportsRoutes } from '#src/features/tickets/reports/service-reports.routes';
import { revisitsRoutes } from '#src/features/tickets/revisits/revisits.routes';
import { ticketsRoutes } from '#src/features/tickets/tickets.routes';
import { userRoutes } from '#src/features/users/users.routes';
import { loggerOptions } from '#src/lib/logger';
import { registerConsole } from './console-static';
import { registerErrorHandler } from './error-handler';
import { registerSecurityHeaders } from './security-headers';
import { closeStores, openStores, type Stores } from './stores';

export type AppOptions = {
  /** Stores opened by the caller (tests, the start command); otherwise opened here and closed on close. */
  stores?: Stores;
  logger?: boolean;
  /** Where log lines go instead of stdout (tests scan them for personal data). */
  logStream?: { write(line: string): void };
};

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    stores: Stores;
  }
}

/** Builds the HTTP application without listening, so tests drive it with `inject()`. */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { ...loggerOptions(config.logLevel), ...(options.logStream ? { stream: options.logStream } : {}) },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: fastifyTrustProxy(config.security.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const ownsStores = !options.stores;
  const stores = options.stores ?? (await openStores(config, app.log));
  app.decorate('config', config);
  app.decorate('stores', stores);
  if (ownsStores) app.addHook('onClose', async () => closeStores(stores));

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'vipdesk API',
        description: 'Retention platform for a mobile operator’s most valuable subscribers',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(authenticatePlugin);
  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(userRoutes, { prefix: '/api' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(subscriberRoutes, { prefix: '/api/subscribers' });
  await app.register(ingestRoutes, { prefix: '/api/imports' });
  await app.register(scoreRoutes, { prefix: '/api' });
  await app.register(runRoutes, { prefix: '/api/scoring' });
  await app.register(settingsRoutes, { prefix: '/api/scoring' });
  await app.register(modelRoutes, { prefix: '/api/models' });
  await app.register(offersRoutes, { prefix: '/api' });
  await app.register(scriptsRoutes, { prefix: '/api' });
  await app.register(decisionsRoutes, { prefix: '/api' });
  await app.register(campaignsRoutes, { prefix: '/api' });
  await app.register(planningRoutes, { prefix: '/api' });
  await app.register(queueRoutes, { prefix: '/api' });
  await app.register(smsRoutes, { prefix: '/api' });
  await app.register(contactsRoutes, { prefix: '/api' });
  await app.register(ticketsRoutes, { prefix: '/api' });
  await app.register(revisitsRoutes, { prefix: '/api' });
  await app.register(serviceReportsRoutes, { prefix: '/api' });
  await app.register(consumptionRoutes, { prefix: '/api' });
  await app.register(forecastingRoutes, { prefix: '/api' });
  await app.register(targetsRoutes, { prefix: '/api' });
  await app.register(dashboardsRoutes, { prefix: '/api' });
  await app.register(subscriberServiceReportRoutes, { prefix: '/api' });
  await app.register(dailySummaryRoutes, { prefix: '/api' });
  await registerConsole(app);
  return app;
}

/** A hop count as the function Fastify's types accept (the nearest `hops` proxies are trusted). */
function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}
