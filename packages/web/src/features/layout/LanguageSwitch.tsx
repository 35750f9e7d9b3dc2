import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n/index.ts';

/** Switches between Swedish and English; the button names the other language in that language. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const toEnglish = i18n.language !== 'en';
  return (
    <Button
      variant="default"
      size="sm"
      lang={toEnglish ? 'en' : 'sv'}
      onClick={() => setLanguage(toEnglish ? 'en' : 'sv')}
    >
      {toEnglish ? 'English' : 'Svenska'}
    </Button>
  );
}
