import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PagedList } from '../api/usePagedList.ts';

/**
 * "Show more" under a paged list: how many rows are shown, and a button for the next page while
 * the server says one follows. The count is announced politely when a page arrives.
 */
export function ShowMore({ list, label }: { list: PagedList<unknown>; label?: string }) {
  const { t } = useTranslation();
  if (list.items.length === 0) return null;
  return (
    <Group gap="md">
      <Text size="sm" role="status" aria-live="polite">
        {t(list.hasMore ? 'list.showingMore' : 'list.showingAll', { count: list.items.length })}
      </Text>
      {list.hasMore && (
        <Button variant="default" onClick={list.loadMore} loading={list.loadingMore} aria-label={label}>
          {t('list.showMore')}
        </Button>
      )}
    </Group>
  );
}
