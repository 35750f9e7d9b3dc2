import { Alert, Button, FileInput, Paper, Stack, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { useImportInstrument } from './instrumentsApi.ts';

/** Import an instrument definition as JSON, from a file or pasted; every fault is listed. */
export function InstrumentImport() {
  const { t } = useTranslation();
  const importer = useImportInstrument();
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);

  const loadFile = async (file: File | null) => {
    if (!file) return;
    setText(await file.text());
    setParseError(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      setParseError(t('instruments.invalidJson', { detail: error instanceof Error ? error.message : '' }));
      return;
    }
    setParseError(null);
    importer.mutate(json);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="import-title">
            {t('instruments.import')}
          </Title>
          {importer.data && (
            <Alert color="green" variant="light" role="status" title={t('instruments.imported')}>
              {t('instruments.importedBody', { key: importer.data.key, version: importer.data.version })}
            </Alert>
          )}
          {parseError && (
            <Alert color="red" variant="light" role="alert" title={t('common.error_title')}>
              {parseError}
            </Alert>
          )}
          <FieldErrorList error={importer.error} showPaths />
          <FileInput
            label={t('instruments.file')}
            accept="application/json,.json"
            clearable
            onChange={(file) => void loadFile(file)}
          />
          <Textarea
            label={t('instruments.json')}
            description={t('instruments.jsonHelp')}
            autosize
            minRows={8}
            maxRows={24}
            spellCheck={false}
            className="utvag-mono-input"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Button type="submit" loading={importer.isPending} disabled={text.trim() === ''} w="fit-content">
            {t('instruments.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
