import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAuth } from '../auth/RequireAuth';
import { AppLayout } from '../layout/AppLayout';
import { HomeRedirect } from '../pages/HomeRedirect';
import { NotFoundPage } from '../pages/not-found/NotFoundPage';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { SubscribersPage } from '../pages/subscribers/SubscribersPage';
import { AuditPage, ScoringRunsPage, Subscriber360Page, UsersPage } from './lazyPages';

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
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
