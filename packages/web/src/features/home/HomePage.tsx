import { Alert, Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import type { Action, Me, Role } from '../../lib/domain.ts';
import { can, useMe } from '../session/useMe.ts';
import { AttentionFeed } from './AttentionFeed.tsx';
import { OverdueCases } from './OverdueCases.tsx';
import { ReviewsDue } from './ReviewsDue.tsx';

type RoleSection = {
  titleKey: string;
  emptyKey: string;
  links: { to: string; labelKey: string; ability: Action }[];
};

// What each role's home will hold; links appear only when the server granted the ability.
const SECTIONS: Record<Role, RoleSection> = {
  coordinator: {
    titleKey: 'home.coordinator.title',
    emptyKey: 'home.coordinator.empty',
    links: [
      { to: '/cases', labelKey: 'nav.cases', ability: 'case:list' },
      { to: '/calls', labelKey: 'nav.calls', ability: 'call:list' },
      { to: '/roster', labelKey: 'nav.roster', ability: 'roster:read' },
    ],
  },
  hotline_officer: {
    titleKey: 'home.hotline.title',
    emptyKey: 'home.hotline.empty',
    links: [
      { to: '/hotline', labelKey: 'nav.hotline', ability: 'call:create' },
      { to: '/calls', labelKey: 'nav.calls', ability: 'call:list' },
    ],
  },
  partner_caseworker: {
    titleKey: 'home.partner.title',
    emptyKey: 'home.partner.empty',
    links: [],
  },
  coach: {
    titleKey: 'home.coach.title',
    emptyKey: 'home.coach.empty',
    links: [],
  },
  management: {
    titleKey: 'home.management.title',
    emptyKey: 'home.management.empty',
    links: [],
  },
  auditor: {
    titleKey: 'home.auditor.title',
    emptyKey: 'home.auditor.empty',
    links: [{ to: '/audit', labelKey: 'home.auditor.link', ability: 'audit:search' }],
  },
  administrator: {
    titleKey: 'home.admin.title',
    emptyKey: 'home.admin.empty',
    links: [
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
      { to: '/admin/instruments', labelKey: 'nav.instruments', ability: 'instrument:import' },
    ],
  },
};

function RoleHome({ me, role }: { me: Me; role: Role }) {
  const { t } = useTranslation();
  const section = SECTIONS[role];
  const links = section.links.filter((link) => can(me, link.ability));
  return (
    <Stack gap="sm" component="section" aria-labelledby={`home-${role}`}>
      <Title order={2} id={`home-${role}`}>
        {t(section.titleKey)}
      </Title>
      <EmptyState>{t(section.emptyKey)}</EmptyState>
      {links.length > 0 && (
        <List>
          {links.map((link) => (
            <List.Item key={link.to}>
              <Anchor component={Link} to={link.to}>
                {t(link.labelKey)}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** The start screen: one calm section per role the user holds in the active programme. */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Stack gap="xl" maw={880}>
      <Stack gap={4}>
        <Title order={1}>{t('home.title')}</Title>
        <Text c="dimmed">{t('home.welcome', { name: me.user.displayName })}</Text>
      </Stack>
      {/* Each panel shows only when the server would answer it (GET /home/overdue, /home/reviews-due). */}
      {can(me, 'case:list') && can(me, 'meeting:book') && <OverdueCases />}
      {can(me, 'case:list') && can(me, 'risk:read') && <ReviewsDue />}
      {me.attentionFeed && <AttentionFeed />}
      {!me.programme && (
        <Alert color="orange" variant="light" title={t('home.noProgrammeTitle')}>
          {t('home.noProgrammeBody')}
        </Alert>
      )}
      {me.roles.map((role) => (
        <RoleHome key={role} me={me} role={role} />
      ))}
      {me.programme && me.roles.length === 0 && <EmptyState>{t('home.noRoles')}</EmptyState>}
    </Stack>
  );
}
