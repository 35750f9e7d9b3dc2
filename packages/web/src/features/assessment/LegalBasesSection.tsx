import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { SECTIONS } from '../../lib/domain.ts';
import { dateToIso, todayLocal } from '../../lib/files.ts';
import { formatDateTimeShort } from '../../lib/format.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { useRecordLegalBasis, type LegalBasis, type ProgrammeOrganisation } from './assessmentApi.ts';

const PROVISIONS = ['osl_10_2', 'osl_10_27', 'osl_10_28', 'other_provision'] as const;

type Props = {
  caseId: string;
  legalBases: LegalBasis[];
  organisations: ProgrammeOrganisation[];
  orgName: (id: string, given?: string | null) => string;
  canWrite: boolean;
};

/** Legal bases (OSL provisions) that let an organisation see sections without consent. */
export function LegalBasesSection({ caseId, legalBases, organisations, orgName, canWrite }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const sectionNames = (sections: string[]) =>
    sections.map((s) => (i18n.exists(`sectionName.${s}`) ? t(`sectionName.${s}`) : s)).join(', ');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="legal-bases-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="legal-bases-title">
          {t('legalBasis.title')}
        </Title>
        {legalBases.length === 0 ? (
          <EmptyState>{t('legalBasis.empty')}</EmptyState>
        ) : (
          <Table withTableBorder striped className="utvag-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('consent.organisation')}</Table.Th>
                <Table.Th scope="col">{t('legalBasis.basis')}</Table.Th>
                <Table.Th scope="col">{t('consent.sections')}</Table.Th>
                <Table.Th scope="col">{t('legalBasis.validity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {legalBases.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>{orgName(b.organisationId, b.organisationName)}</Table.Td>
                  <Table.Td>
                    {i18n.exists(`legalBasis.names.${b.basis}`) ? t(`legalBasis.names.${b.basis}`) : b.basis}
                    {b.provisionText && (
                      <Text size="xs" c="dimmed">
                        {b.provisionText}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{sectionNames(b.sections)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTimeShort(b.validFrom, lang)}
                    {b.validTo ? ` – ${formatDateTimeShort(b.validTo, lang)}` : ` – ${t('legalBasis.untilFurther')}`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canWrite && <LegalBasisForm caseId={caseId} organisations={organisations} />}
      </Stack>
    </Paper>
  );
}

function LegalBasisForm({ caseId, organisations }: { caseId: string; organisations: ProgrammeOrganisation[] }) {
  const { t, i18n } = useTranslation();
  const record = useRecordLegalBasis(caseId);
  const errors = useFieldErrors(record.error);
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [basis, setBasis] = useState<string | null>(null);
  const [provisionText, setProvisionText] = useState('');
  const [purposes, setPurposes] = useState('');
  const [sections, setSections] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState(todayLocal());
  const [validTo, setValidTo] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate(
      {
        organisationId: organisationId ?? '',
        basis: basis ?? '',
        ...(basis === 'other_provision' ? { provisionText } : {}),
        purposes,
        sections,
        validFrom: dateToIso(validFrom) ?? validFrom,
        ...(validTo ? { validTo: dateToIso(validTo) ?? validTo } : {}),
      },
      {
        onSuccess: () => {
          setOrganisationId(null);
          setBasis(null);
          setProvisionText('');
          setPurposes('');
          setSections([]);
          setValidTo('');
        },
      },
    );
  };

  return (
    <Stack gap="sm" component="form" onSubmit={submit} aria-labelledby="legal-basis-form-title">
      <Title order={3} size="h5" id="legal-basis-form-title">
        {t('legalBasis.formTitle')}
      </Title>
      <FieldErrorList error={record.error} />
      <Group grow align="flex-start">
        <Select
          label={t('consent.organisation')}
          data={organisations.map((o) => ({ value: o.id, label: o.name }))}
          value={organisationId}
          onChange={setOrganisationId}
          required
          searchable
          error={errors.organisationId}
        />
        <Select
          label={t('legalBasis.basis')}
          data={PROVISIONS.map((p) => ({ value: p, label: t(`legalBasis.names.${p}`) }))}
          value={basis}
          onChange={setBasis}
          required
          error={errors.basis}
        />
      </Group>
      {basis && (
        <Alert color="blue" variant="light" title={t(`legalBasis.names.${basis}`)}>
          {t(`legalBasis.guidance.${basis}`)}
        </Alert>
      )}
      {basis === 'other_provision' && (
        <TextInput
          label={t('legalBasis.provisionText')}
          required
          value={provisionText}
          onChange={(e) => setProvisionText(e.currentTarget.value)}
          error={errors.provisionText}
        />
      )}
      <Textarea
        label={t('consent.purposes')}
        autosize
        minRows={2}
        required
        value={purposes}
        onChange={(e) => setPurposes(e.currentTarget.value)}
        error={errors.purposes}
      />
      <Checkbox.Group
        label={t('consent.sections')}
        value={sections}
        onChange={setSections}
        required
        error={errors.sections}
      >
        <Group gap="md" mt={4}>
          {SECTIONS.map((s) => (
            <Checkbox key={s} value={s} label={i18n.exists(`sectionName.${s}`) ? t(`sectionName.${s}`) : s} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group align="flex-start">
        <TextInput
          type="date"
          label={t('legalBasis.validFrom')}
          required
          value={validFrom}
          onChange={(e) => setValidFrom(e.currentTarget.value)}
          error={errors.validFrom}
        />
        <TextInput
          type="date"
          label={t('legalBasis.validTo')}
          value={validTo}
          onChange={(e) => setValidTo(e.currentTarget.value)}
          error={errors.validTo}
        />
      </Group>
      <Button type="submit" variant="default" loading={record.isPending} style={{ alignSelf: 'flex-start' }}>
        {t('legalBasis.save')}
      </Button>
    </Stack>
  );
}
