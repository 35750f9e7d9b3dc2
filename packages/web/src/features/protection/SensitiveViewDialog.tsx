import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { needsStepUp, StepUp } from '../session/StepUp.tsx';

type Props = {
  opened: boolean;
  title: string;
  /** What the stated reason is called (purpose for the address, reason for the sealed link). */
  reasonLabel: string;
  reasonHelp: string;
  revealLabel: string;
  /** Fetches the secret with the stated reason; the result is shown once and never cached. */
  fetchSecret: (reason: string) => Promise<string>;
  onClose: () => void;
};

/**
 * The one way the most sensitive data is shown: a stated reason, a fresh second factor when the
 * server asks for one, then the value once. SECURITY: the value lives only in this dialog's
 * state and is dropped when it closes; it is never put in the query cache.
 */
export function SensitiveViewDialog(props: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [stepUp, setStepUp] = useState(false);
  const reveal = useMutation({
    mutationFn: (r: string) => props.fetchSecret(r),
    onSuccess: (value) => {
      setSecret(value);
      setStepUp(false);
    },
    onError: (error) => {
      if (needsStepUp(error)) setStepUp(true);
    },
  });
  const errors = useFieldErrors(reveal.error);
  const close = () => {
    setSecret(null);
    setReason('');
    setStepUp(false);
    reveal.reset();
    props.onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reveal.mutate(reason);
  };
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={props.title}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {secret !== null ? (
        <Stack gap="sm">
          <Alert
            color="yellow"
            variant="light"
            title={t('sensitive.shownOnce')}
            styles={{ title: { color: '#1a1b1e' }, message: { color: '#1a1b1e' } }}
          >
            {t('sensitive.shownOnceBody')}
          </Alert>
          <Text
            className="utvag-secret"
            style={{ whiteSpace: 'pre-wrap' }}
            fz="lg"
            fw={700}
            data-testid="sensitive-value"
          >
            {secret}
          </Text>
          <Button onClick={close} style={{ alignSelf: 'flex-end' }}>
            {t('sensitive.hide')}
          </Button>
        </Stack>
      ) : stepUp ? (
        <StepUp onSuccess={() => reveal.mutate(reason)} />
      ) : (
        <Stack gap="sm" component="form" onSubmit={submit}>
          <Text size="sm">{props.reasonHelp}</Text>
          {!needsStepUp(reveal.error) && <FieldErrorList error={reveal.error} />}
          <Textarea
            label={props.reasonLabel}
            autosize
            minRows={2}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.purpose ?? errors.reason}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={reveal.isPending} disabled={reason.trim().length < 10}>
              {props.revealLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
