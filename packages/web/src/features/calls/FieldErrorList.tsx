import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrorList } from '../../api/errors.ts';

/** An error with every field fault listed, in the user's language. Nothing without an error. */
export function FieldErrorList({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const exists = (key: string) => i18n.exists(key);
  const faults = fieldErrorList(t, exists, error, i18n.language);
  return (
    <Alert color="red" variant="light" role="alert" title={t('common.error_title')}>
      {errorText(t, exists, error)}
      {faults.length > 0 && (
        <List size="sm" mt={6}>
          {faults.map((f, i) => (
            <List.Item key={`${f.path}-${String(i)}`}>
              {f.path !== '' && <code className="utvag-path">{f.path}</code>} {f.text}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
