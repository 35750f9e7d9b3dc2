import { Alert, List } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrorList } from '../../api/errors.ts';

type Props = {
  error: unknown;
  /** Show where each fault is (for definitions an administrator edits), not only what it is. */
  showPaths?: boolean;
};

/**
 * An error with every field fault listed, in the user's language. It takes focus when it appears,
 * so a keyboard user lands on the list instead of somewhere below it. Nothing without an error.
 */
export function FieldErrorList({ error, showPaths = false }: Props) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const exists = (key: string) => i18n.exists(key);
  const faults = fieldErrorList(t, exists, error, i18n.language);
  return (
    <Alert ref={ref} tabIndex={-1} color="red" variant="light" role="alert" title={t('common.error_title')}>
      {errorText(t, exists, error)}
      {faults.length > 0 && (
        <List size="sm" mt={6}>
          {faults.map((f, i) => (
            <List.Item key={`${f.path}-${String(i)}`}>
              {showPaths && f.path !== '' && <code className="utvag-path">{f.path}</code>} {f.text}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
