import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { loginResponse, type SignInMethod } from '../../lib/domain.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/** The first sign-in step: username and password. */
export function CredentialsForm({ onSuccess }: { onSuccess: (methods: SignInMethod[]) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api(loginResponse, '/api/v1/auth/login', { body: { username, password } }),
    onSuccess: (result) => {
      setPassword('');
      onSuccess(result.methods);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={login.error} />
        <TextInput
          label={t('login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          data-autofocus
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          visibilityToggleButtonProps={{ 'aria-label': t('password.toggle') }}
        />
        <Button type="submit" loading={login.isPending} disabled={!username || !password}>
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
