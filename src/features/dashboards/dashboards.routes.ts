import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '#src/features/auth/authenticate.hook';
import { slaReportSchema } from '#src/features/tickets/reports/service-reports.schemas';
import { errorResponseSchema } from '#src/server/error-schema';
import { agentsDashboard, campaignsDashboard, slaDashboard } from './activity-dashboards.service';
import {
  agentsDashboardQuerySchema,
  agentsDashboardSchema,
  campaignsDashboardQuerySchema,
  campaignsDashboardSchema,
  churnTrendDashboardSchema,
  churnTrendQuerySchema,
  revenueAtRiskDashboardSchema,
  runDashboardQuerySchema,
  signalsDashboardSchema,
  slaDashboardQuerySchema,
  tiersDashboardSchema,
} from './dashboards.schemas';
import {
  churnTrendDashboard,
  revenueAtRiskDashboard,
  signalsDashboard,
  tiersDashboard,
} from './run-dashboards.service';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };
const runErrors = { ...errors, 404: errorResponseSchema };

/**
 * The analytics dashboards (issue 7 §1): small aggregates for ECharts and their table views, for
 * admins, leads and analysts (analytics.read). Per-subscriber and per-agent figures count a lead's
 * own team only; nothing here returns a subscriber row.
 */
export const dashboardsRoutes: FastifyPluginAsyncZod = async (app) => {
  const engine = () => app.stores.handle.engine;
  const context = () => ({ timeZone: app.config.timeZone, now: new Date() });

  app.get(
    '/dashboards/tiers',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['dashboards'],
        summary:
          'Tier and lifecycle distribution of a run, and tier flows from the previous month’s run (Sankey)',
        querystring: runDashboardQuerySchema,
        response: { 200: tiersDashboardSchema, ...runErrors },
      },
    },
    async (request) => tiersDashboard(engine(), actorOf(request), request.query),
  );

  app.get(
    '/dashboards/revenue-at-risk',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['dashboards'],
        summary:
          'Revenue at risk by tier and by churn signal (a subscriber counts under each of their signals)',
        querystring: runDashboardQuerySchema,
        response: { 200: revenueAtRiskDashboardSchema, ...runErrors },
      },
    },
    async (request) => revenueAtRiskDashboard(engine(), actorOf(request), request.query),
  );

  app.get(
    '/dashboards/signals',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['dashboards'],
        summary: 'Prevalence of each churn signal in a run, overall and by tier',
        querystring: runDashboardQuerySchema,
        response: { 200: signalsDashboardSchema, ...runErrors },
      },
    },
    async (request) => signalsDashboard(engine(), actorOf(request), request.query),
  );

  app.get(
    '/dashboards/churn-trend',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['dashboards'],
        summary:
          'Per scoring run: predicted churners (sum of probabilities) against churn observed within the horizon',
        querystring: churnTrendQuerySchema,
        response: { 200: churnTrendDashboardSchema, ...errors },
      },
    },
    async (request) => churnTrendDashboard(engine(), actorOf(request), request.query, context()),
  );

  app.get(
    '/dashboards/campaigns',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['dashboards'],
        summary:
          'Per launched campaign: funnel per arm (members, contacted, reached, accepted, churned) and uplift',
        querystring: campaignsDashboardQuerySchema,
        response: { 200: campaignsDashboardSchema, ...errors },
      },
    },
    async (request) => campaignsDashboard(app.stores.handle, actorOf(request), request.query, context()),
  );

  app.get(
    '/dashboards/sla',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['dashboards'],
        summary:
          'SLA on-time rates of the tickets opened in the period by category, group or level (default 30 days)',
        querystring: slaDashboardQuerySchema,
        response: { 200: slaReportSchema, ...errors },
      },
    },
    async (request) => slaDashboard(app.stores.handle, request.query, context()),
  );

  app.get(
    '/dashboards/agents',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['dashboards'],
        summary: 'Agent KPIs and leaderboard for the period (default 30 days; leads: own team)',
        querystring: agentsDashboardQuerySchema,
        response: { 200: agentsDashboardSchema, ...errors },
      },
    },
    async (request) => agentsDashboard(app.stores.handle, actorOf(request), request.query, context()),
  );
};
