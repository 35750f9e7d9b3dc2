import { Alert, Button, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import type { Role } from '../../lib/domain.ts';
import { useInviteUser, useOrganisations } from './adminApi.ts';
import { EnrolmentLinkNotice } from './EnrolmentLinkNotice.tsx';
import { RoleCheckboxes } from './RoleCheckboxes.tsx';

/** Invite a user: name, organisation and roles; answers with a one-time enrolment link. */
export function InviteUserForm() {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  const invite = useInviteUser();
  const fieldErrors = useFieldErrors(invite.error);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(
      { username, displayName, organisationId, roles, ...(email.trim() ? { email: email.trim() } : {}) },
      {
        onSuccess: () => {
          setUsername('');
          setDisplayName('');
          setEmail('');
          setRoles([]);
        },
      },
    );
  };

  const options = organisations.data?.organisations ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="invite-title">
      <Stack>
        <Title order={2} size="h3" id="invite-title">
          {t('invite.title')}
        </Title>
        {invite.data?.enrolmentUrl && invite.data.expiresAt && (
          <EnrolmentLinkNotice
            link={{ enrolmentUrl: invite.data.enrolmentUrl, expiresAt: invite.data.expiresAt }}
            displayName={invite.data.user.displayName}
            onDismiss={() => invite.reset()}
          />
        )}
        {invite.data?.awaitingConfirmation && (
          <Alert
            color="blue"
            variant="light"
            role="status"
            title={t('invite.awaitingTitle', { name: invite.data.user.displayName })}
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => invite.reset()}
          >
            {t('invite.awaitingBody')}
          </Alert>
        )}
        <form onSubmit={submit} noValidate>
          <Stack>
            <ErrorAlert error={invite.error ?? organisations.error} />
            <TextInput
              label={t('invite.displayName')}
              required
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={fieldErrors.displayName}
            />
            <TextInput
              label={t('invite.username')}
              required
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={fieldErrors.username}
            />
            <TextInput
              label={t('invite.email')}
              description={t('invite.emailHelp')}
              type="email"
              autoCapitalize="none"
              spellCheck={false}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldErrors.email}
            />
            <NativeSelect
              label={t('invite.organisation')}
              required
              value={organisationId}
              onChange={(e) => setOrganisationId(e.currentTarget.value)}
              error={fieldErrors.organisationId}
              data={[
                {
                  value: '',
                  label: t('invite.chooseOrganisation'),
                  disabled: true,
                },
                ...options.map((o) => ({
                  value: o.id,
                  label: `${o.name} (${t(`organisationKind.${o.kind}`)})`,
                })),
              ]}
            />
            <RoleCheckboxes value={roles} onChange={setRoles} error={fieldErrors.roles} />
            <Button type="submit" loading={invite.isPending} disabled={!organisationId || roles.length === 0}>
              {t('invite.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
