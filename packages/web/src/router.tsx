import { createBrowserRouter } from 'react-router';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { OrganisationsPage } from './features/admin/OrganisationsPage.tsx';
import { ProgrammesPage } from './features/admin/ProgrammesPage.tsx';
import { UsersPage } from './features/admin/UsersPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { CasesPage } from './features/cases/CasesPage.tsx';
import { EnrolPage } from './features/enrolment/EnrolPage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { AppLayout } from './features/layout/AppLayout.tsx';
import { NotFoundPage } from './features/layout/NotFoundPage.tsx';
import { PublicLayout } from './features/layout/PublicLayout.tsx';
import { SetupPage } from './features/setup/SetupPage.tsx';

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
      { path: '/cases', element: <CasesPage /> },
      { path: '/admin/users', element: <UsersPage /> },
      { path: '/admin/organisations', element: <OrganisationsPage /> },
      { path: '/admin/programmes', element: <ProgrammesPage /> },
      { path: '/audit', element: <AuditPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
