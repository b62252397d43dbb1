import { Navigate } from 'react-router';
import { homePath } from '../auth/permissions';
import { useMe } from '../auth/useMe';

/** `/` sends each user to their first permitted page. */
export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homePath(me.data)} replace />;
}
