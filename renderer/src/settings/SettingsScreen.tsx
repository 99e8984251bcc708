import { Stack, Tabs, Title } from '@mantine/core';
import { AutomationTab } from '../automation/AutomationTab.tsx';
import { MailboxesTab } from '../mailboxes/MailboxesTab.tsx';
import { SETTINGS_TAB_LABELS, SETTINGS_TABS } from '../navigation/route.ts';
import type { SettingsTab } from '../navigation/route.ts';
import { TemplatesTab } from '../templates/TemplatesTab.tsx';
import { TeamHubTab } from '../team-hub/TeamHubTab.tsx';
import { AgentsTab } from './AgentsTab.tsx';
import { CalendarsTab } from './CalendarsTab.tsx';
import { CategoriesTab } from './CategoriesTab.tsx';
import { ContactsTab } from './ContactsTab.tsx';
import { DescribedItemsTab } from './DescribedItemsTab.tsx';
import { GoalsTab } from './GoalsTab.tsx';
import { NotificationsTab } from './NotificationsTab.tsx';
import { PriorityMatrixTab } from './PriorityMatrixTab.tsx';
import { ServiceLevelsTab } from './ServiceLevelsTab.tsx';

function isSettingsTab(value: string | null): value is SettingsTab {
  return (SETTINGS_TABS as readonly (string | null)[]).includes(value);
}

function TabContent({ tab }: { tab: SettingsTab }) {
  switch (tab) {
    case 'agents':
      return <AgentsTab />;
    case 'groups':
      return <DescribedItemsTab kind="group" />;
    case 'contacts':
      return <ContactsTab />;
    case 'categories':
      return <CategoriesTab />;
    case 'services':
      return <DescribedItemsTab kind="service" key="service" />;
    case 'priorities':
      return <PriorityMatrixTab />;
    case 'calendars':
      return <CalendarsTab />;
    case 'service-levels':
      return <ServiceLevelsTab />;
    case 'goals':
      return <GoalsTab />;
    case 'mailboxes':
      return <MailboxesTab />;
    case 'automation':
      return <AutomationTab />;
    case 'templates':
      return <TemplatesTab />;
    case 'hub':
      return <TeamHubTab />;
    case 'notifications':
      return <NotificationsTab />;
  }
}

export function SettingsScreen({ tab, onTab }: { tab: SettingsTab; onTab: (tab: SettingsTab) => void }) {
  return (
    <Stack p="lg" gap="md" style={{ overflowY: 'auto', height: '100%' }}>
      <Title order={1} size="h3">
        Settings
      </Title>
      <Tabs value={tab} onChange={(value) => isSettingsTab(value) && onTab(value)} keepMounted={false}>
        <Tabs.List>
          {SETTINGS_TABS.map((id) => (
            <Tabs.Tab key={id} value={id}>
              {SETTINGS_TAB_LABELS[id]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SETTINGS_TABS.map((id) => (
          <Tabs.Panel key={id} value={id} pt="md">
            {id === tab ? <TabContent tab={id} /> : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
