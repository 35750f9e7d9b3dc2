import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A calm placeholder where work will appear. */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="lg" bg="gray.0">
      <Text>{children}</Text>
    </Paper>
  );
}
