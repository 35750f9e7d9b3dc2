import { Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

type Props = {
  label: string;
  submitLabel: string;
  /** `totp`: six digits from an authenticator app; `recovery`: a one-time recovery code. */
  kind: 'totp' | 'recovery';
  pending: boolean;
  error: unknown;
  onSubmit: (code: string) => void;
};

/** One labelled code field and its submit button. */
export function CodeForm({ label, submitLabel, kind, pending, error, onSubmit }: Props) {
  const [code, setCode] = useState('');
  const clean = kind === 'totp' ? code.replace(/\D/g, '') : code.trim();
  const ready = kind === 'totp' ? clean.length === 6 : clean.length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) onSubmit(clean);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={error} />
        <TextInput
          label={label}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          autoComplete={kind === 'totp' ? 'one-time-code' : 'off'}
          inputMode={kind === 'totp' ? 'numeric' : 'text'}
          maxLength={kind === 'totp' ? 7 : 64}
          autoCapitalize="none"
          spellCheck={false}
          classNames={{ input: 'utvag-mono' }}
          required
        />
        <Button type="submit" loading={pending} disabled={!ready}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
