import { Center, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of the pages a person sees before signing in. */
export function PublicCard({ children }: { readonly children: ReactNode }) {
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={420} maw="100%">
        {children}
      </Paper>
    </Center>
  );
}
