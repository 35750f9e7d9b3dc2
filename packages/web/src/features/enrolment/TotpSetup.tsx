import { Image, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { recoveryCodesResponse } from '../../lib/domain.ts';
import { CodeForm } from '../auth/CodeForm.tsx';

type Props = {
  token: string;
  setup: { secret: string; otpauthUri: string };
  onDone: (recoveryCodes: string[]) => void;
};

/** Groups a base32 secret in fours so it can be read aloud and typed without losing one's place. */
export function groupSecret(secret: string): string {
  return (
    secret
      .replace(/\s+/g, '')
      .match(/.{1,4}/g)
      ?.join(' ') ?? secret
  );
}

/** Shows the authenticator QR code and secret, then confirms with the first code. */
export function TotpSetup({ token, setup, onDone }: Props) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Rendered in the browser into a data: URL; the secret is never sent to a third party.
    QRCode.toDataURL(setup.otpauthUri, {
      margin: 2,
      width: 220,
      errorCorrectionLevel: 'M',
    })
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [setup.otpauthUri]);
  const verify = useMutation({
    mutationFn: (code: string) =>
      api(recoveryCodesResponse, '/api/v1/enrolment/totp/verify', { body: { token, code } }),
    onSuccess: (result) => onDone(result.recoveryCodes),
  });

  return (
    <Stack gap="md">
      <Text size="sm">{t('totp.scan')}</Text>
      {qr && <Image src={qr} alt={t('totp.qrAlt')} w={220} h={220} fit="contain" />}
      <div>
        <Text size="sm" fw={600} id="totp-secret-label">
          {t('totp.secretLabel')}
        </Text>
        <Text className="utvag-mono" size="lg" aria-labelledby="totp-secret-label" data-testid="totp-secret">
          {groupSecret(setup.secret)}
        </Text>
      </div>
      <CodeForm
        label={t('totp.codeLabel')}
        submitLabel={t('totp.confirm')}
        kind="totp"
        pending={verify.isPending}
        error={verify.error}
        onSubmit={(code) => verify.mutate(code)}
      />
    </Stack>
  );
}
