import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { theme } from './app/theme.ts';
import { ToastProvider } from './feedback/toast-context.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <ToastProvider>
        <App />
      </ToastProvider>
    </MantineProvider>
  </StrictMode>,
);
