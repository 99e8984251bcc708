import { Alert, Center } from '@mantine/core';
import { ContactDirectoryProvider } from '../api/contact-directory.tsx';
import { bridgeMissing } from '../api/desk.ts';
import { ReferenceProvider } from '../api/reference-context.tsx';
import { SessionProvider, useSession } from '../api/session-context.tsx';
import { SyncStatusProvider } from '../api/sync-status-context.tsx';
import { NowProvider } from '../common/now-context.tsx';
import { describeError } from '../feedback/describe-error.ts';
import { FirstStart } from '../first-start/FirstStart.tsx';
import { InboxProvider } from '../inbox/inbox-context.tsx';
import { EmailImportProvider } from '../intake/email-import-context.tsx';
import { PaletteActionsProvider } from '../navigation/palette-actions.tsx';
import { QueueProvider } from '../queue/queue-context.tsx';
import { Shell } from '../shell/Shell.tsx';

function Problem({ title, message }: { title: string; message: string }) {
  return (
    <Center h="100vh" p="md">
      <Alert color="red" title={title} maw={560}>
        {message}
      </Alert>
    </Center>
  );
}

/** Nothing but the first-start screen until someone is signed in; then the desk. */
function SessionGate() {
  const { load } = useSession();
  if (load.kind === 'loading') return null;
  if (load.kind === 'failed') {
    const notice = describeError(load.error);
    return <Problem title={notice.title} message={notice.message} />;
  }
  if (!load.value.agent) {
    return (
      <SyncStatusProvider>
        <FirstStart session={load.value} />
      </SyncStatusProvider>
    );
  }
  return (
    // Keyed by the person: signing in as someone else starts every screen afresh ("My open" means someone
    // else). By email, not id: joining a team swaps a local registration for the same person's hub account,
    // and their screens, view and inbox stay as they were.
    <ReferenceProvider key={load.value.agent.email.toLowerCase()}>
      <ContactDirectoryProvider>
        <QueueProvider>
          <InboxProvider>
            <EmailImportProvider>
              <NowProvider>
                <SyncStatusProvider>
                  <PaletteActionsProvider>
                    <Shell />
                  </PaletteActionsProvider>
                </SyncStatusProvider>
              </NowProvider>
            </EmailImportProvider>
          </InboxProvider>
        </QueueProvider>
      </ContactDirectoryProvider>
    </ReferenceProvider>
  );
}

export function App() {
  if (bridgeMissing) {
    return (
      <Problem
        title="This page needs the desk's address"
        message="Open the address that `desk web` printed when it started (it carries a one-time token)."
      />
    );
  }
  return (
    <SessionProvider>
      <SessionGate />
    </SessionProvider>
  );
}
