import { Alert, Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CallForm } from './CallForm.tsx';
import type { CreateCallResult } from './callsApi.ts';

/** Logging a call. A call taken further goes straight on to booking the first meeting. */
export function NewCallPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [logged, setLogged] = useState<CreateCallResult | null>(null);
  const [formKey, setFormKey] = useState(0);

  const onLogged = (result: CreateCallResult) => {
    if (result.case) {
      void navigate(`/cases/${result.case.id}/book`, {
        state: { caseCode: result.case.code, acute: result.call.acute },
      });
      return;
    }
    setLogged(result);
  };

  return (
    <Stack gap="md" maw={980}>
      <Title order={1} id="new-call-title">
        {t('call.title')}
      </Title>
      {logged ? (
        <Alert color="green" variant="light" title={t('call.loggedTitle')} role="status">
          <Stack gap="sm">
            {t(`call.loggedBody.${logged.call.decision}`)}
            <Group>
              <Button
                autoFocus
                onClick={() => {
                  setLogged(null);
                  setFormKey((k) => k + 1);
                }}
              >
                {t('hotline.newCall')}
              </Button>
              <Anchor component={Link} to={`/calls/${logged.call.id}`}>
                {t('call.showLogged')}
              </Anchor>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <CallForm key={formKey} onLogged={onLogged} />
      )}
    </Stack>
  );
}
