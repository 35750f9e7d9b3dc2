import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolmentLink } from '../../lib/domain.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { ShowMore } from '../../components/ShowMore.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { EnrolmentLinkNotice } from './EnrolmentLinkNotice.tsx';
import { useConfirmMember, usePendingMembers, useRejectMember } from './membersApi.ts';

type Outcome =
  | { kind: 'link'; name: string; link: EnrolmentLink }
  | { kind: 'mailed' | 'confirmed' | 'rejected'; name: string }
  | null;

/**
 * The coordinator's second look at case-reading roles an administrator granted: confirm (the
 * role takes effect, the enrolment link goes to the new user) or turn down.
 */
export function PendingMembersPage() {
  const { t, i18n } = useTranslation();
  const pending = usePendingMembers();
  const confirm = useConfirmMember();
  const reject = useRejectMember();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const members = pending.items;

  return (
    <Stack gap="lg">
      <Title order={1}>{t('members.title')}</Title>
      <Text maw={760}>{t('members.intro')}</Text>
      {outcome?.kind === 'link' && (
        <EnrolmentLinkNotice link={outcome.link} displayName={outcome.name} onDismiss={() => setOutcome(null)} />
      )}
      {outcome && outcome.kind !== 'link' && (
        <Alert
          color="green"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setOutcome(null)}
        >
          {t(`members.${outcome.kind}`, { name: outcome.name })}
        </Alert>
      )}
      <ErrorAlert error={pending.error ?? confirm.error ?? reject.error} />
      {pending.isPending && <LoadingRow />}
      {!pending.isPending && !pending.error && members.length === 0 && <EmptyState>{t('members.empty')}</EmptyState>}
      {members.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder className="utvag-table">
            <Table.Caption>{t('members.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('members.name')}</Table.Th>
                <Table.Th scope="col">{t('members.username')}</Table.Th>
                <Table.Th scope="col">{t('members.email')}</Table.Th>
                <Table.Th scope="col">{t('members.organisation')}</Table.Th>
                <Table.Th scope="col">{t('members.roles')}</Table.Th>
                <Table.Th scope="col">{t('members.requestedBy')}</Table.Th>
                <Table.Th scope="col">{t('members.requestedAt')}</Table.Th>
                <Table.Th scope="col">{t('members.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((member) => (
                <Table.Tr key={member.userId}>
                  <Table.Th scope="row" fw={600}>
                    {member.displayName}
                  </Table.Th>
                  <Table.Td className="utvag-mono">{member.username}</Table.Td>
                  <Table.Td className="utvag-mono">{member.email ?? '–'}</Table.Td>
                  <Table.Td>{member.organisation}</Table.Td>
                  <Table.Td>{member.roles.map((r) => t(`role.${r}`)).join(', ')}</Table.Td>
                  <Table.Td>{member.requestedBy}</Table.Td>
                  <Table.Td>{formatDateTime(member.requestedAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        aria-label={t('members.confirmFor', { name: member.displayName })}
                        loading={confirm.isPending && confirm.variables === member.userId}
                        onClick={() =>
                          confirm.mutate(member.userId, {
                            onSuccess: (result) =>
                              setOutcome(
                                result.enrolmentUrl && result.expiresAt
                                  ? {
                                      kind: 'link',
                                      name: member.displayName,
                                      link: { enrolmentUrl: result.enrolmentUrl, expiresAt: result.expiresAt },
                                    }
                                  : {
                                      kind: result.delivery === 'email' ? 'mailed' : 'confirmed',
                                      name: member.displayName,
                                    },
                              ),
                          })
                        }
                      >
                        {t('members.confirm')}
                      </Button>
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        aria-label={t('members.rejectFor', { name: member.displayName })}
                        loading={reject.isPending && reject.variables === member.userId}
                        onClick={() =>
                          reject.mutate(member.userId, {
                            onSuccess: () => setOutcome({ kind: 'rejected', name: member.displayName }),
                          })
                        }
                      >
                        {t('members.reject')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ShowMore list={pending} />
    </Stack>
  );
}
