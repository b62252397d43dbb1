import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAuth } from '../auth/RequireAuth';
import { AppLayout } from '../layout/AppLayout';
import { HomeRedirect } from '../pages/HomeRedirect';
import { NotFoundPage } from '../pages/not-found/NotFoundPage';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { SubscribersPage } from '../pages/subscribers/SubscribersPage';
import {
  AuditPage,
  CampaignPage,
  CampaignsPage,
  CataloguePage,
  DailySummaryPage,
  DashboardsPage,
  DecisionsPage,
  ForecastsPage,
  PlanPage,
  ScoringRunsPage,
  SegmentConsumptionPage,
  ServicePage,
  ServiceReportPage,
  ServiceSettingsPage,
  Subscriber360Page,
  TargetsPage,
  TicketPage,
  TicketsPage,
  UsersPage,
  WorkbenchPage,
} from './lazyPages';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'subscribers',
        element: (
          <RequireAuth permission="subscribers.search">
            <SubscribersPage />
          </RequireAuth>
        ),
      },
      {
        path: 'subscribers/:id',
        element: (
          <RequireAuth permission="subscribers.view">
            <Subscriber360Page />
          </RequireAuth>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequireAuth permission="audit.read">
            <AuditPage />
          </RequireAuth>
        ),
      },
      {
        path: 'users',
        element: (
          <RequireAuth permission="users.manage">
            <UsersPage />
          </RequireAuth>
        ),
      },
      {
        path: 'scoring',
        element: (
          <RequireAuth permission="scoring.manage">
            <ScoringRunsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'workbench',
        element: (
          <RequireAuth permission="queue.work">
            <WorkbenchPage />
          </RequireAuth>
        ),
      },
      {
        path: 'campaigns',
        element: (
          <RequireAuth permission="campaigns.read">
            <CampaignsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'campaigns/:id',
        element: (
          <RequireAuth permission="campaigns.read">
            <CampaignPage />
          </RequireAuth>
        ),
      },
      {
        path: 'plan',
        element: (
          <RequireAuth permission="plans.read">
            <PlanPage />
          </RequireAuth>
        ),
      },
      {
        path: 'catalogue',
        element: (
          <RequireAuth permission="catalogue.read">
            <CataloguePage />
          </RequireAuth>
        ),
      },
      {
        path: 'decisions',
        element: (
          <RequireAuth permission="decisions.manage">
            <DecisionsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'tickets',
        element: (
          <RequireAuth permission={'tickets.read'}>
            <TicketsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'tickets/:id',
        element: (
          <RequireAuth permission={'tickets.read'}>
            <TicketPage />
          </RequireAuth>
        ),
      },
      {
        path: 'service',
        element: (
          <RequireAuth permission={'service.report'}>
            <ServicePage />
          </RequireAuth>
        ),
      },
      {
        path: 'service-settings',
        element: (
          <RequireAuth permission={'service.manage'}>
            <ServiceSettingsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'dashboards',
        element: (
          <RequireAuth permission="analytics.read">
            <DashboardsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'consumption',
        element: (
          <RequireAuth permission="analytics.read">
            <SegmentConsumptionPage />
          </RequireAuth>
        ),
      },
      {
        path: 'forecasts',
        element: (
          <RequireAuth permission="analytics.read">
            <ForecastsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'targets',
        element: (
          <RequireAuth permission="plans.read">
            <TargetsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'daily-summary',
        element: (
          <RequireAuth permission="plans.read">
            <DailySummaryPage />
          </RequireAuth>
        ),
      },
      {
        path: 'subscribers/:id/service-report',
        element: (
          <RequireAuth permission="reports.generate">
            <ServiceReportPage />
          </RequireAuth>
        ),
      },
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
