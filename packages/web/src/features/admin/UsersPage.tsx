import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUserView as AdminUser, EnrolmentLink } from '../../lib/domain.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { ShowMore } from '../../components/ShowMore.tsx';
import { can, useMe } from '../session/useMe.ts';
import { useDeactivateUser, useResetSecondFactor, useUsers } from './adminApi.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { EditRolesDialog } from './EditRolesDialog.tsx';
import { EnrolmentLinkNotice } from './EnrolmentLinkNotice.tsx';
import { InviteUserForm } from './InviteUserForm.tsx';

type Pending = {
  kind: 'roles' | 'deactivate' | 'reset';
  user: AdminUser;
} | null;

// Dark enough on white and on the striped rows for WCAG AA.
const STATUS_COLOR: Record<AdminUser['status'], string> = {
  active: '#1b5e20',
  invited: '#234f9b',
  deactivated: '#495057',
};

/** Users of the programme: invite, change roles, reset second factor, deactivate. */
export function UsersPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const users = useUsers();
  const deactivate = useDeactivateUser();
  const reset = useResetSecondFactor();
  const [pending, setPending] = useState<Pending>(null);
  const [resetLink, setResetLink] = useState<{
    link: EnrolmentLink;
    name: string;
  } | null>(null);
  const [mailedTo, setMailedTo] = useState<string | null>(null);

  const close = () => {
    setPending(null);
    deactivate.reset();
    reset.reset();
  };

  return (
    <Stack gap="lg">
      <Title order={1}>{t('users.title')}</Title>
      {resetLink && (
        <EnrolmentLinkNotice link={resetLink.link} displayName={resetLink.name} onDismiss={() => setResetLink(null)} />
      )}
      {mailedTo && (
        <Alert
          color="green"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setMailedTo(null)}
        >
          {t('users.resetMailed', { name: mailedTo })}
        </Alert>
      )}
      <ErrorAlert error={users.error} />
      {users.isPending && <LoadingRow />}
      {!users.isPending && !users.error && users.items.length === 0 && <EmptyState>{t('users.empty')}</EmptyState>}
      {users.items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder className="utvag-table">
            <Table.Caption>{t('users.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.name')}</Table.Th>
                <Table.Th scope="col">{t('users.username')}</Table.Th>
                <Table.Th scope="col">{t('users.organisation')}</Table.Th>
                <Table.Th scope="col">{t('users.roles')}</Table.Th>
                <Table.Th scope="col">{t('users.status')}</Table.Th>
                <Table.Th scope="col">{t('users.secondFactors')}</Table.Th>
                <Table.Th scope="col">{t('users.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.items.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Th scope="row" fw={600}>
                    {user.displayName}
                  </Table.Th>
                  <Table.Td className="utvag-mono">{user.username}</Table.Td>
                  <Table.Td>{user.organisation.name}</Table.Td>
                  <Table.Td>
                    {[
                      ...user.roles.map((r) => t(`role.${r}`)),
                      ...user.pendingRoles.map((r) => `${t(`role.${r}`)} (${t('users.awaiting')})`),
                    ].join(', ') || '–'}
                  </Table.Td>
                  <Table.Td>
                    <Text span size="sm" fw={700} c={STATUS_COLOR[user.status]}>
                      {t(`userStatus.${user.status}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {user.secondFactors.map((f) => t(`secondFactor.${f}`)).join(', ') || t('secondFactor.none')}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {can(me, 'user:update_roles') && user.status !== 'deactivated' && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('users.editRolesFor', {
                            name: user.displayName,
                          })}
                          onClick={() => setPending({ kind: 'roles', user })}
                        >
                          {t('users.editRoles')}
                        </Button>
                      )}
                      {can(me, 'user:reset_mfa') && user.status !== 'deactivated' && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('users.resetFor', {
                            name: user.displayName,
                          })}
                          onClick={() => setPending({ kind: 'reset', user })}
                        >
                          {t('users.reset')}
                        </Button>
                      )}
                      {can(me, 'user:deactivate') && user.status !== 'deactivated' && (
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          aria-label={t('users.deactivateFor', {
                            name: user.displayName,
                          })}
                          onClick={() => setPending({ kind: 'deactivate', user })}
                        >
                          {t('users.deactivate')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ShowMore list={users} />
      {can(me, 'user:invite') && <InviteUserForm />}
      {pending?.kind === 'roles' && <EditRolesDialog user={pending.user} onClose={close} />}
      <ConfirmDialog
        opened={pending?.kind === 'deactivate'}
        title={t('users.deactivateTitle', {
          name: pending?.user.displayName ?? '',
        })}
        body={t('users.deactivateBody')}
        confirmLabel={t('users.deactivateConfirm')}
        danger
        pending={deactivate.isPending}
        error={deactivate.error}
        onClose={close}
        onConfirm={() => pending && deactivate.mutate(pending.user.id, { onSuccess: close })}
      />
      <ConfirmDialog
        opened={pending?.kind === 'reset'}
        title={t('users.resetTitle', { name: pending?.user.displayName ?? '' })}
        body={t('users.resetBody')}
        confirmLabel={t('users.resetConfirm')}
        danger
        pending={reset.isPending}
        error={reset.error}
        onClose={close}
        onConfirm={() =>
          pending &&
          reset.mutate(pending.user.id, {
            onSuccess: (result) => {
              if (result.enrolmentUrl && result.expiresAt) {
                setResetLink({
                  link: { enrolmentUrl: result.enrolmentUrl, expiresAt: result.expiresAt },
                  name: pending.user.displayName,
                });
              } else {
                setMailedTo(pending.user.displayName);
              }
              close();
            },
          })
        }
      />
    </Stack>
  );
}
