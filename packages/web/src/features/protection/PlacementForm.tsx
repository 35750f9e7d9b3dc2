import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { todayLocal } from '../../lib/files.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { pick } from '../instruments/answerLabels.ts';
import { PLACEMENT_STATUSES, useCreatePlacement, usePlacementCheck, type PlacementWarning } from './protectionApi.ts';

/** The placement-conflict warnings, loud and before saving. */
export function PlacementWarnings({ warnings, municipality }: { warnings: PlacementWarning[]; municipality: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert
      color="red.9"
      variant="filled"
      role="alert"
      title={t('placement.conflictTitle', { municipality })}
      className="utvag-conflict-alert"
      styles={{ title: { color: '#ffffff' }, message: { color: '#ffffff' } }}
    >
      <List size="sm" c="white">
        {warnings.map((w, i) => (
          <List.Item key={`${w.code}-${String(i)}`}>
            {pick(w.message, i18n.language)}
            {w.groupName ? ` (${w.groupName})` : ''}
            {w.caseCode ? ` – ${t('placement.conflictCase', { code: w.caseCode })}` : ''}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt="xs" c="white" fw={700}>
        {t('placement.conflictAdvice')}
      </Text>
    </Alert>
  );
}

/**
 * A new placement. The placement-conflict check runs as soon as the municipality is entered; a
 * warning must be acknowledged before saving. SECURITY: the address field is write-only here.
 */
export function PlacementForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreatePlacement(caseId);
  const errors = useFieldErrors(create.error);
  const [providerKind, setProviderKind] = useState<string>('municipal');
  const [providerName, setProviderName] = useState('');
  const [ivoPermit, setIvoPermit] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [address, setAddress] = useState('');
  const [startsOn, setStartsOn] = useState(todayLocal());
  const [endsOn, setEndsOn] = useState('');
  const [cost, setCost] = useState<number | string>('');
  const [status, setStatus] = useState<string>('active');
  const [acknowledged, setAcknowledged] = useState(false);
  const [debounced] = useDebouncedValue(municipality, 400);
  const check = usePlacementCheck(caseId, debounced);
  const warnings = debounced.trim() === municipality.trim() ? (check.data?.warnings ?? []) : [];
  const mustAcknowledge = warnings.length > 0 && !acknowledged;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mustAcknowledge) return;
    create.mutate(
      {
        providerKind,
        providerName,
        ...(providerKind === 'private' ? { ivoPermitNumber: ivoPermit } : {}),
        municipality,
        address,
        startsOn,
        ...(endsOn ? { endsOn } : {}),
        costPerDayOre: Math.round((typeof cost === 'number' ? cost : Number(cost)) * 100),
        status,
      },
      { onSuccess: onDone },
    );
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="placement-form-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="placement-form-title">
          {t('placement.formTitle')}
        </Title>
        <FieldErrorList error={create.error} />
        <Radio.Group label={t('placement.providerKind')} value={providerKind} onChange={setProviderKind} required>
          <Group gap="lg" mt={4}>
            <Radio value="municipal" label={t('placement.provider.municipal')} />
            <Radio value="private" label={t('placement.provider.private')} />
          </Group>
        </Radio.Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('placement.providerName')}
            required
            value={providerName}
            onChange={(e) => setProviderName(e.currentTarget.value)}
            error={errors.providerName}
          />
          {providerKind === 'private' && (
            <TextInput
              label={t('placement.ivoPermit')}
              required
              value={ivoPermit}
              onChange={(e) => setIvoPermit(e.currentTarget.value)}
              error={errors.ivoPermitNumber}
            />
          )}
        </Group>
        <TextInput
          label={t('placement.municipality')}
          description={t('placement.municipalityHelp')}
          required
          value={municipality}
          onChange={(e) => {
            setMunicipality(e.currentTarget.value);
            setAcknowledged(false);
          }}
          error={errors.municipality}
          w={320}
        />
        <div aria-live="polite">
          {check.isFetching && (
            <Text size="sm" c="dimmed">
              {t('placement.checking')}
            </Text>
          )}
          {!check.isFetching && check.data && warnings.length === 0 && debounced.trim() === municipality.trim() && (
            <Text size="sm" c="#1d6330" fw={600}>
              {t('placement.noConflict', { municipality: municipality.trim() })}
            </Text>
          )}
        </div>
        <ErrorAlert error={check.error} />
        {warnings.length > 0 && (
          <>
            <PlacementWarnings warnings={warnings} municipality={municipality.trim()} />
            <Checkbox
              label={t('placement.acknowledge')}
              checked={acknowledged}
              onChange={(e) => setAcknowledged(e.currentTarget.checked)}
            />
          </>
        )}
        <Textarea
          label={t('placement.address')}
          description={t('placement.addressHelp')}
          autosize
          minRows={2}
          required
          autoComplete="off"
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={errors.address}
        />
        <Group align="flex-start">
          <TextInput
            type="date"
            label={t('placement.startsOn')}
            required
            value={startsOn}
            onChange={(e) => setStartsOn(e.currentTarget.value)}
            error={errors.startsOn}
          />
          <TextInput
            type="date"
            label={t('placement.endsOn')}
            value={endsOn}
            onChange={(e) => setEndsOn(e.currentTarget.value)}
            error={errors.endsOn}
          />
          <NumberInput
            label={t('placement.costPerDay')}
            required
            min={0}
            decimalScale={2}
            decimalSeparator=","
            value={cost}
            onChange={setCost}
            error={errors.costPerDayOre}
            w={180}
          />
          <Select
            label={t('placement.status')}
            data={PLACEMENT_STATUSES.map((s) => ({ value: s, label: t(`placement.statusName.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v ?? 'active')}
            allowDeselect={false}
            required
            w={180}
          />
        </Group>
        {mustAcknowledge && (
          <Text size="sm" c="red.9" fw={700}>
            {t('placement.acknowledgeFirst')}
          </Text>
        )}
        <Group gap="sm">
          <Button type="submit" loading={create.isPending} disabled={mustAcknowledge}>
            {t('placement.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
