import { Button, Group, NativeSelect, Paper, Table, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

import type { z } from 'zod';
import { caseStaffResponse, teamResponse } from '../../lib/domain.ts';

/** Who works the case; a coordinator on the team adds partners and coaches (what they see follows consent). */
export function TeamPanel({ caseId, canManage }: { caseId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['case-team', caseId];
  const team = useQuery({
    queryKey: key,
    queryFn: () => api(teamResponse, `/api/v1/cases/${caseId}/team`),
  });
  const candidates = useQuery({
    queryKey: ['case-staff'],
    queryFn: () => api(caseStaffResponse, '/api/v1/case-staff'),
    enabled: canManage,
  });
  const [chosen, setChosen] = useState('');
  const onDone = (data: z.output<typeof teamResponse>) => {
    client.setQueryData(key, data);
    void client.invalidateQueries({ queryKey: ['case', caseId] });
    setChosen('');
  };
  const add = useMutation({
    mutationFn: (userId: string) => api(teamResponse, `/api/v1/cases/${caseId}/team`, { body: { userId } }),
    onSuccess: onDone,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api(teamResponse, `/api/v1/cases/${caseId}/team/${userId}`, { method: 'DELETE' }),
    onSuccess: onDone,
  });
  const members = team.data?.team ?? [];
  const options = (candidates.data?.staff ?? []).filter((c) => !members.some((m) => m.userId === c.userId));
  const roleNames = (roles: string[]) => roles.map((r) => t(`role.${r}`)).join(', ');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="team-title">
      <Title order={2} size="h4" id="team-title" mb="xs">
        {t('team.title')}
      </Title>
      <ErrorAlert error={team.error ?? add.error ?? remove.error} />
      <Table withTableBorder striped className="utvag-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('team.name')}</Table.Th>
            <Table.Th scope="col">{t('team.organisation')}</Table.Th>
            <Table.Th scope="col">{t('team.roles')}</Table.Th>
            {canManage && <Table.Th scope="col">{t('users.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => (
            <Table.Tr key={m.userId}>
              <Table.Td>
                {m.displayName}
                {m.isOwner ? ` (${t('team.owner')})` : ''}
              </Table.Td>
              <Table.Td>{m.organisation.name}</Table.Td>
              <Table.Td>{roleNames(m.roles)}</Table.Td>
              {canManage && (
                <Table.Td>
                  {!m.isOwner && (
                    <Button
                      size="compact-sm"
                      variant="default"
                      loading={remove.isPending}
                      onClick={() => remove.mutate(m.userId)}
                      aria-label={t('team.removeNamed', { name: m.displayName })}
                    >
                      {t('team.remove')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canManage && (
        <Group align="end" mt="sm">
          <NativeSelect
            label={t('team.add')}
            description={t('team.addHelp')}
            value={chosen}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data={[
              { value: '', label: t('team.choose'), disabled: true },
              ...options.map((c) => ({
                value: c.userId,
                label: `${c.displayName} – ${c.organisationName} (${roleNames(c.roles)})`,
              })),
            ]}
          />
          <Button disabled={!chosen} loading={add.isPending} onClick={() => add.mutate(chosen)}>
            {t('team.addButton')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
