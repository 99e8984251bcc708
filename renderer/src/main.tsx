import '@mantine/core/styles.css';
import { MantineProvider, Title } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider>
      <Title>Incident Desk</Title>
    </MantineProvider>
  </StrictMode>,
);
