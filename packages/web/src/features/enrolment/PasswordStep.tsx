import { Button, Checkbox, List, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { checkPassword, noContent, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../lib/domain.ts';

/** Choose a password: at least 12 characters, not a common one; no other composition rules. */
export function PasswordStep({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [visible, setVisible] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation({
    mutationFn: () => api(noContent, '/api/v1/enrolment/password', { body: { token, password } }),
    onSuccess: onDone,
  });

  // The same rule the server applies (shared from the domain package); the server still decides.
  const check = checkPassword(password);
  const mismatch = confirm !== password;
  const passwordError = check.ok
    ? null
    : t(`password.error_${check.reason}`, {
        min: PASSWORD_MIN_LENGTH,
        max: PASSWORD_MAX_LENGTH,
      });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (check.ok && !mismatch) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h3">
          {t('password.title')}
        </Title>
        <List size="sm" id="password-rules">
          <List.Item>{t('password.ruleLength', { min: PASSWORD_MIN_LENGTH })}</List.Item>
          <List.Item>{t('password.ruleCommon')}</List.Item>
          <List.Item>{t('password.ruleNoOther')}</List.Item>
        </List>
        <ErrorAlert error={save.error} />
        <PasswordInput
          label={t('password.new')}
          autoComplete="new-password"
          required
          visible={visible}
          onVisibilityChange={setVisible}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          visibilityToggleButtonProps={{ 'aria-label': t('password.toggle') }}
          aria-describedby="password-rules"
          error={submitted ? passwordError : null}
        />
        <PasswordInput
          label={t('password.confirm')}
          autoComplete="new-password"
          required
          visible={visible}
          onVisibilityChange={setVisible}
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          visibilityToggleButtonProps={{ 'aria-label': t('password.toggle') }}
          error={submitted && mismatch ? t('password.errorMismatch') : null}
        />
        <Checkbox label={t('password.show')} checked={visible} onChange={(e) => setVisible(e.currentTarget.checked)} />
        <Text size="sm" c="dimmed">
          {t('password.count', {
            count: [...password.normalize('NFC')].length,
          })}
        </Text>
        <Button type="submit" loading={save.isPending}>
          {t('password.save')}
        </Button>
      </Stack>
    </form>
  );
}
