import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Action, Me } from '../../lib/domain.ts';
import { can } from '../session/useMe.ts';

type NavItem = { to: string; labelKey: string; ability: Action | null };

// SECURITY: an item shows only when the server returned the ability; the server still checks
// every request behind it.
const ITEMS: readonly NavItem[] = [
  { to: '/', labelKey: 'nav.home', ability: null },
  { to: '/hotline', labelKey: 'nav.hotline', ability: 'call:create' },
  { to: '/calls', labelKey: 'nav.calls', ability: 'call:list' },
  { to: '/cases', labelKey: 'nav.cases', ability: 'case:list' },
  { to: '/threat-actors', labelKey: 'nav.threatActors', ability: 'threat_actor:read' },
  { to: '/roster', labelKey: 'nav.roster', ability: 'roster:read' },
  { to: '/places', labelKey: 'nav.places', ability: 'place:manage' },
  { to: '/admin/instruments', labelKey: 'nav.instruments', ability: 'instrument:import' },
  { to: '/audit', labelKey: 'nav.audit', ability: 'audit:search' },
  { to: '/admin/users', labelKey: 'nav.users', ability: 'user:list' },
  {
    to: '/admin/organisations',
    labelKey: 'nav.organisations',
    ability: 'organisation:list',
  },
  {
    to: '/admin/programmes',
    labelKey: 'nav.programmes',
    ability: 'programme:list',
  },
];

/** The side navigation, built from the abilities in /me. */
export function MainNav({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Stack gap={4}>
      {ITEMS.filter((item) => item.ability === null || can(me, item.ability)).map((item) => {
        const active =
          item.to === '/'
            ? pathname === '/'
            : item.to === '/hotline'
              ? pathname.startsWith('/hotline') || pathname === '/calls/new'
              : pathname.startsWith(item.to) && !(item.to === '/calls' && pathname === '/calls/new');
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.labelKey)}
            active={active}
            variant="filled"
            aria-current={active ? 'page' : undefined}
          />
        );
      })}
    </Stack>
  );
}
