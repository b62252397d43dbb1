import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import {
  forecastBodySchema,
  forecastResultSchema,
  metricForecastQuerySchema,
  metricForecastSchema,
  seriesQuerySchema,
  seriesSchema,
} from './forecasting.schemas';
import { forecastValues, getMetricForecast, getSeries } from './forecasting.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };

/**
 * Forecasting (issue 7 §3, seed 001): the seed's three methods and a seasonal SARIMA over any
 * numbers, and over the operator's own monthly history of revenue, minutes, VIP count and
 * churners. Operator-wide aggregates only (no subscriber ids), for analytics.read.
 */
export const forecastingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/forecasts',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['forecasts'],
        summary:
          'Forecast a series (oldest first) by average growth, linear trend N = a + bT, their mean, or seasonal SARIMA, with a back-test of every method',
        body: forecastBodySchema,
        response: { 200: forecastResultSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => forecastValues(request.body),
  );

  app.get(
    '/forecasts/series',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['forecasts'],
        summary: "The operator's history of a metric by month, quarter or year (partial periods left out)",
        querystring: seriesQuerySchema,
        response: { 200: seriesSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => getSeries(app.stores, request.query.metric, request.query.granularity),
  );

  app.get(
    '/forecasts/metric',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['forecasts'],
        summary:
          "A metric's history with every method's forecast, the back-test table (MAPE, MAE) and the method to trust",
        querystring: metricForecastQuerySchema,
        response: { 200: metricForecastSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => getMetricForecast(app.stores, request.query),
  );
};
