import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { setUnauthenticatedHandler } from '../api/client';
import { ME_QUERY_KEY } from '../auth/useMe';
import { AntdProvider } from './AntdProvider';
import { queryClient } from './queryClient';
import { router } from './router';

// An expired session anywhere: forget the user and go to sign-in, coming back here afterwards.
setUnauthenticatedHandler(() => {
  queryClient.setQueryData(ME_QUERY_KEY, null);
  const { pathname, search } = window.location;
  if (pathname === '/sign-in') return;
  void router.navigate(`/sign-in?next=${encodeURIComponent(`${pathname}${search}`)}`, { replace: true });
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AntdProvider>
        <RouterProvider router={router} />
      </AntdProvider>
    </QueryClientProvider>
  );
}
