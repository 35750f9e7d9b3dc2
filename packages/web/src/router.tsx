import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { PublicLayout } from './features/layout/PublicLayout.tsx';

/**
 * Each screen is its own chunk, fetched when its route is first matched (decision 016): the
 * sign-in and setup pages load the public layout and their own code, never the case screens.
 * `name` is the module's named export.
 */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

/** Every screen. Access is the server's decision; routes only choose what to render. */
export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/login', lazy: page(() => import('./features/auth/LoginPage.tsx'), 'LoginPage') },
      { path: '/setup', lazy: page(() => import('./features/setup/SetupPage.tsx'), 'SetupPage') },
      { path: '/enrol', lazy: page(() => import('./features/enrolment/EnrolPage.tsx'), 'EnrolPage') },
    ],
  },
  {
    lazy: page(() => import('./features/layout/AppLayout.tsx'), 'AppLayout'),
    children: [
      { path: '/', lazy: page(() => import('./features/home/HomePage.tsx'), 'HomePage') },
      { path: '/hotline', lazy: page(() => import('./features/hotline/HotlinePage.tsx'), 'HotlinePage') },
      { path: '/calls', lazy: page(() => import('./features/calls/CallsPage.tsx'), 'CallsPage') },
      { path: '/calls/new', lazy: page(() => import('./features/calls/NewCallPage.tsx'), 'NewCallPage') },
      { path: '/calls/:id', lazy: page(() => import('./features/calls/CallDetailPage.tsx'), 'CallDetailPage') },
      { path: '/cases', lazy: page(() => import('./features/cases/CasesPage.tsx'), 'CasesPage') },
      { path: '/cases/:id', lazy: page(() => import('./features/cases/CaseDetailPage.tsx'), 'CaseDetailPage') },
      {
        path: '/cases/:id/book',
        lazy: page(() => import('./features/booking/BookMeetingPage.tsx'), 'BookMeetingPage'),
      },
      {
        path: '/threat-actors',
        lazy: page(() => import('./features/threat-actors/ThreatActorsPage.tsx'), 'ThreatActorsPage'),
      },
      { path: '/roster', lazy: page(() => import('./features/scheduling/RosterPage.tsx'), 'RosterPage') },
      { path: '/places', lazy: page(() => import('./features/scheduling/PlacesPage.tsx'), 'PlacesPage') },
      { path: '/admin/users', lazy: page(() => import('./features/admin/UsersPage.tsx'), 'UsersPage') },
      {
        path: '/members/pending',
        lazy: page(() => import('./features/admin/PendingMembersPage.tsx'), 'PendingMembersPage'),
      },
      {
        path: '/admin/organisations',
        lazy: page(() => import('./features/admin/OrganisationsPage.tsx'), 'OrganisationsPage'),
      },
      { path: '/admin/programmes', lazy: page(() => import('./features/admin/ProgrammesPage.tsx'), 'ProgrammesPage') },
      {
        path: '/admin/instruments',
        lazy: page(() => import('./features/instruments/InstrumentsPage.tsx'), 'InstrumentsPage'),
      },
      { path: '/audit', lazy: page(() => import('./features/audit/AuditPage.tsx'), 'AuditPage') },
      { path: '*', lazy: page(() => import('./features/layout/NotFoundPage.tsx'), 'NotFoundPage') },
    ],
  },
]);
