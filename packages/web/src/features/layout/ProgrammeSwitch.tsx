import { NativeSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../lib/domain.ts';
import { useSwitchProgramme } from '../session/useMe.ts';

/** Shows the active programme; a picker when the user belongs to more than one. */
export function ProgrammeSwitch({ me }: { me: Me }) {
  const { t } = useTranslation();
  const switchProgramme = useSwitchProgramme();
  if (me.programmes.length <= 1) {
    return (
      <Text component="span" size="sm" className="utvag-header-muted" visibleFrom="xs">
        {me.programme ? me.programme.name : t('header.noProgramme')}
      </Text>
    );
  }
  return (
    <NativeSelect
      size="xs"
      aria-label={t('header.programme')}
      value={me.programme?.id ?? ''}
      disabled={switchProgramme.isPending}
      onChange={(event) => switchProgramme.mutate(event.currentTarget.value)}
      data={[
        ...(me.programme ? [] : [{ value: '', label: t('header.noProgramme') }]),
        ...me.programmes.map((p) => ({ value: p.id, label: p.name })),
      ]}
    />
  );
}
