import type { ApolloClient } from '@apollo/client';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
  type RouterHistory,
} from '@tanstack/react-router';
import { ensureSession } from '../session/ensure-session';
import { safeRedirect } from '../session/safe-redirect';
import { filterSearch } from './filter-search';

export interface RouterContext {
  readonly apollo: ApolloClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Outlet });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>) => ({
    redirect: safeRedirect(search.redirect),
  }),
  component: lazyRouteComponent(() => import('../pages/sign-in-page'), 'SignInPage'),
});

/** Pages a mailed link opens: they work signed in or not. */
const passwordResetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/password-reset',
  component: lazyRouteComponent(() => import('../pages/password-reset-page'), 'PasswordResetPage'),
});

const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitations/accept',
  // A person with an account may arrive signed in (a reload, or back from signing in).
  beforeLoad: async () => {
    await ensureSession();
  },
  component: lazyRouteComponent(
    () => import('../pages/accept-invitation-page'),
    'AcceptInvitationPage',
  ),
});

/** Every page behind sign-in: a reload renews the session through the cookie first. */
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_signed-in',
  beforeLoad: async ({ location }) => {
    if (!(await ensureSession())) {
      throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    }
  },
  component: lazyRouteComponent(() => import('../components/app-shell'), 'AppShellLayout'),
});

const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/dashboard', search: filterSearch({}) });
  },
});

const dashboardRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/dashboard',
  validateSearch: filterSearch,
  component: lazyRouteComponent(() => import('../pages/dashboard-page'), 'DashboardPage'),
});

const vendorsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/vendors',
  validateSearch: filterSearch,
  component: lazyRouteComponent(() => import('../pages/vendors-page'), 'VendorsPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  passwordResetRoute,
  acceptInvitationRoute,
  signedInRoute.addChildren([homeRoute, dashboardRoute, vendorsRoute]),
]);

/** `history` is for tests (a memory history); the app uses the browser's. */
export function createAppRouter(context: RouterContext, history?: RouterHistory) {
  return createRouter({ routeTree, context, history, defaultPreload: 'intent' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
