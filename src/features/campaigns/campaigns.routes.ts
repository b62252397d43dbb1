import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { type CampaignMove, launchCampaign, moveCampaign } from './campaign-launch.service';
import { campaignResultsSchema } from './campaign-results.schemas';
import { DEFAULT_MINIMUM_PER_ARM, getCampaignResults } from './campaign-results.service';
import {
  campaignBodySchema,
  campaignIdParamsSchema,
  campaignListSchema,
  campaignSchema,
  launchResultSchema,
  listCampaignsQuerySchema,
  segmentCountBodySchema,
  segmentCountSchema,
} from './campaigns.schemas';
import {
  countSegment,
  createCampaign,
  getCampaign,
  listCampaigns,
  replaceCampaign,
} from './campaigns.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const byIdErrors = { 400: errorResponseSchema, ...denied, 404: errorResponseSchema };

/**
 * Campaigns (issue 5 §4). Admins and analysts see every campaign; a lead sees and runs only their
 * team's (another team's id answers 404); agents and auditors have no access.
 */
export const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  const handle = () => app.stores.handle;
  const db = () => app.stores.handle.db;

  app.get(
    '/campaigns',
    {
      config: { permission: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'Campaigns in my scope, newest first, with members per arm',
        querystring: listCampaignsQuerySchema,
        response: { 200: campaignListSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => listCampaigns(db(), actorOf(request), request.query),
  );

  app.post(
    '/campaigns',
    {
      config: { permission: 'campaigns.manage' },
      schema: {
        tags: ['campaigns'],
        summary: "Create a draft campaign (a lead's is always for their own team)",
        body: campaignBodySchema,
        response: { 201: campaignSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request, reply) => {
      const campaign = await createCampaign(db(), actorOf(request), request.body);
      return reply.status(201).send(campaign);
    },
  );

  app.post(
    '/campaigns/segment-count',
    {
      config: { permission: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'Live count of the subscribers a segment matches in the current run, by tier × risk band',
        body: segmentCountBodySchema,
        response: { 200: segmentCountSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => countSegment(handle(), actorOf(request), request.body, app.config.timeZone),
  );

  app.get(
    '/campaigns/:id',
    {
      config: { permission: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'One campaign',
        params: campaignIdParamsSchema,
        response: { 200: campaignSchema, ...byIdErrors },
      },
    },
    async (request) => getCampaign(db(), actorOf(request), request.params.id),
  );

  app.put(
    '/campaigns/:id',
    {
      config: { permission: 'campaigns.manage' },
      schema: {
        tags: ['campaigns'],
        summary: 'Replace a draft campaign (409 once launched)',
        params: campaignIdParamsSchema,
        body: campaignBodySchema,
        response: { 200: campaignSchema, ...byIdErrors, 409: errorResponseSchema },
      },
    },
    async (request) => replaceCampaign(db(), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/campaigns/:id/launch',
    {
      config: { permission: 'campaigns.manage' },
      schema: {
        tags: ['campaigns'],
        summary:
          'Launch: draw the members from the current run and the stratified holdout in one transaction (409 twice)',
        params: campaignIdParamsSchema,
        response: { 200: launchResultSchema, ...byIdErrors, 409: errorResponseSchema },
      },
    },
    async (request) => launchCampaign(handle(), actorOf(request), request.params.id, app.config.timeZone),
  );

  const moves: readonly (readonly [CampaignMove, string])[] = [
    ['pause', 'Pause an active campaign'],
    ['resume', 'Resume a paused campaign'],
    ['end', 'End an active or paused campaign'],
  ];
  for (const [move, summary] of moves) {
    app.post(
      `/campaigns/:id/${move}`,
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags: ['campaigns'],
          summary,
          params: campaignIdParamsSchema,
          response: { 200: campaignSchema, ...byIdErrors, 409: errorResponseSchema },
        },
      },
      async (request) => moveCampaign(db(), actorOf(request), request.params.id, move),
    );
  }

  app.get(
    '/campaigns/:id/results',
    {
      config: { permission: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary:
          'Contact, acceptance, save rate against the holdout, incremental ARPU and cost per save, with 95% intervals',
        params: campaignIdParamsSchema,
        response: { 200: campaignResultsSchema, ...byIdErrors, 409: errorResponseSchema },
      },
    },
    async (request) =>
      getCampaignResults(handle(), actorOf(request), request.params.id, {
        minimumPerArm: DEFAULT_MINIMUM_PER_ARM,
        timeZone: app.config.timeZone,
      }),
  );
};
