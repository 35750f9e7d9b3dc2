import { createBrowserRouter } from 'react-router';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { OrganisationsPage } from './features/admin/OrganisationsPage.tsx';
import { ProgrammesPage } from './features/admin/ProgrammesPage.tsx';
import { UsersPage } from './features/admin/UsersPage.tsx';
import { PendingMembersPage } from './features/admin/PendingMembersPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { BookMeetingPage } from './features/booking/BookMeetingPage.tsx';
import { CallDetailPage } from './features/calls/CallDetailPage.tsx';
import { CallsPage } from './features/calls/CallsPage.tsx';
import { NewCallPage } from './features/calls/NewCallPage.tsx';
import { CaseDetailPage } from './features/cases/CaseDetailPage.tsx';
import { CasesPage } from './features/cases/CasesPage.tsx';
import { EnrolPage } from './features/enrolment/EnrolPage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { HotlinePage } from './features/hotline/HotlinePage.tsx';
import { InstrumentsPage } from './features/instruments/InstrumentsPage.tsx';
import { AppLayout } from './features/layout/AppLayout.tsx';
import { NotFoundPage } from './features/layout/NotFoundPage.tsx';
import { PublicLayout } from './features/layout/PublicLayout.tsx';
import { PlacesPage } from './features/scheduling/PlacesPage.tsx';
import { RosterPage } from './features/scheduling/RosterPage.tsx';
import { SetupPage } from './features/setup/SetupPage.tsx';
import { ThreatActorsPage } from './features/threat-actors/ThreatActorsPage.tsx';

/** Every screen. Access is the server's decision; routes only choose what to render. */
export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/setup', element: <SetupPage /> },
      { path: '/enrol', element: <EnrolPage /> },
    ],
  },
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/hotline', element: <HotlinePage /> },
      { path: '/calls', element: <CallsPage /> },
      { path: '/calls/new', element: <NewCallPage /> },
      { path: '/calls/:id', element: <CallDetailPage /> },
      { path: '/cases', element: <CasesPage /> },
      { path: '/cases/:id', element: <CaseDetailPage /> },
      { path: '/cases/:id/book', element: <BookMeetingPage /> },
      { path: '/threat-actors', element: <ThreatActorsPage /> },
      { path: '/roster', element: <RosterPage /> },
      { path: '/places', element: <PlacesPage /> },
      { path: '/admin/users', element: <UsersPage /> },
      { path: '/members/pending', element: <PendingMembersPage /> },
      { path: '/admin/organisations', element: <OrganisationsPage /> },
      { path: '/admin/programmes', element: <ProgrammesPage /> },
      { path: '/admin/instruments', element: <InstrumentsPage /> },
      { path: '/audit', element: <AuditPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
