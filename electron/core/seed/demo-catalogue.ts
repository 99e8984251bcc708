/** The words of the demo workspace: a mid-sized company's IT service desk. */
export const DEMO_DOMAIN = 'northwind.example';

export const DEMO_AGENTS: readonly { name: string; role: 'agent' | 'supervisor'; groups: readonly number[] }[] = [
  { name: 'Alex Morgan', role: 'supervisor', groups: [0] },
  { name: 'Priya Raman', role: 'supervisor', groups: [1, 4] },
  { name: 'Jonas Weber', role: 'agent', groups: [0] },
  { name: 'Maria Santos', role: 'agent', groups: [0, 2] },
  { name: 'Kenji Watanabe', role: 'agent', groups: [1] },
  { name: 'Fatima Haddad', role: 'agent', groups: [3] },
  { name: 'Liam O’Connor', role: 'agent', groups: [2] },
  { name: 'Sofia Rossi', role: 'agent', groups: [0] },
  { name: 'Daniel Kim', role: 'agent', groups: [3] },
  { name: 'Amara Okafor', role: 'agent', groups: [4] },
  { name: 'Lukas Novak', role: 'agent', groups: [1] },
  { name: 'Chloé Martin', role: 'agent', groups: [2, 0] },
];

export const DEMO_GROUPS: readonly { name: string; description: string }[] = [
  { name: 'Service Desk', description: 'First line: every incident lands here first.' },
  { name: 'Network Operations', description: 'LAN, Wi-Fi, VPN, firewalls and DNS.' },
  { name: 'Desktop Support', description: 'Laptops, desktops, peripherals and printers on site.' },
  { name: 'Application Support', description: 'ERP, CRM, HR portal and line-of-business apps.' },
  { name: 'Identity & Access', description: 'Accounts, passwords, MFA and permissions.' },
];

export const DEMO_SERVICES: readonly { name: string; description: string }[] = [
  { name: 'Email', description: 'Exchange Online mailboxes and calendars.' },
  { name: 'VPN', description: 'Remote access for staff working from home.' },
  { name: 'Wi-Fi', description: 'Office wireless networks.' },
  { name: 'ERP', description: 'Finance and purchasing system.' },
  { name: 'CRM', description: 'Customer relationship management for Sales.' },
  { name: 'HR portal', description: 'Leave, payroll and personal details.' },
  { name: 'File shares', description: 'Department drives and SharePoint libraries.' },
  { name: 'Printing', description: 'Printers and scanners on every floor.' },
  { name: 'Telephony', description: 'Desk phones and softphones.' },
  { name: 'Intranet', description: 'Company news and documents.' },
];

interface Template {
  readonly title: string;
  readonly description: string;
  readonly subcategory: string;
  readonly service: number | null;
  readonly group: number;
}

export const DEMO_CATEGORIES: readonly {
  name: string;
  subcategories: readonly string[];
  templates: readonly Template[];
}[] = [
  {
    name: 'Hardware',
    subcategories: ['Laptop', 'Desktop', 'Monitor', 'Docking station', 'Peripherals'],
    templates: [
      {
        title: 'Laptop will not power on',
        description: 'Pressed the power button several times, no lights at all. Charger is plugged in.',
        subcategory: 'Laptop',
        service: null,
        group: 2,
      },
      {
        title: 'Second monitor not detected',
        description: 'Since this morning the external screen stays black when docked.',
        subcategory: 'Monitor',
        service: null,
        group: 2,
      },
      {
        title: 'Docking station keeps disconnecting',
        description: 'USB devices drop out every few minutes while docked.',
        subcategory: 'Docking station',
        service: null,
        group: 2,
      },
      {
        title: 'Keyboard missing keys',
        description: 'Several keys fell off my keyboard; need a replacement.',
        subcategory: 'Peripherals',
        service: null,
        group: 2,
      },
      {
        title: 'Desktop very slow after update',
        description: 'Takes ten minutes to log in since last night’s updates.',
        subcategory: 'Desktop',
        service: null,
        group: 2,
      },
    ],
  },
  {
    name: 'Software',
    subcategories: ['Installation', 'Licensing', 'Crash', 'Update'],
    templates: [
      {
        title: 'Request to install Visio',
        description: 'I need Visio for process diagrams; my manager approved it.',
        subcategory: 'Installation',
        service: null,
        group: 0,
      },
      {
        title: 'Excel crashes when opening large workbook',
        description: 'Excel closes without an error when I open the quarterly report.',
        subcategory: 'Crash',
        service: null,
        group: 3,
      },
      {
        title: 'Adobe licence expired',
        description: 'Acrobat says my licence has expired and will not let me edit PDFs.',
        subcategory: 'Licensing',
        service: null,
        group: 0,
      },
      {
        title: 'Teams update fails',
        description: 'Teams shows “update failed” at every start.',
        subcategory: 'Update',
        service: null,
        group: 0,
      },
    ],
  },
  {
    name: 'Network',
    subcategories: ['Wi-Fi', 'VPN', 'LAN', 'DNS'],
    templates: [
      {
        title: 'VPN disconnects every few minutes',
        description: 'Working from home; the VPN drops and reconnects constantly.',
        subcategory: 'VPN',
        service: 1,
        group: 1,
      },
      {
        title: 'No Wi-Fi on the third floor',
        description: 'Nobody on floor 3 can connect to the office Wi-Fi.',
        subcategory: 'Wi-Fi',
        service: 2,
        group: 1,
      },
      {
        title: 'Network port dead in meeting room B',
        description: 'The wall port in meeting room B gives no link light.',
        subcategory: 'LAN',
        service: null,
        group: 1,
      },
      {
        title: 'Intranet not reachable by name',
        description: 'The intranet only opens by IP address, not by its name.',
        subcategory: 'DNS',
        service: 9,
        group: 1,
      },
    ],
  },
  {
    name: 'Email',
    subcategories: ['Outlook', 'Mailbox full', 'Distribution lists', 'Spam'],
    templates: [
      {
        title: 'Outlook keeps asking for password',
        description: 'Outlook prompts for my password every hour since the password change.',
        subcategory: 'Outlook',
        service: 0,
        group: 0,
      },
      {
        title: 'Mailbox full, cannot send',
        description: 'Getting “mailbox full” and my messages stay in the outbox.',
        subcategory: 'Mailbox full',
        service: 0,
        group: 0,
      },
      {
        title: 'Add me to the sales-emea list',
        description: 'Please add me to the sales-emea distribution list.',
        subcategory: 'Distribution lists',
        service: 0,
        group: 0,
      },
      {
        title: 'Suspicious email with invoice attachment',
        description: 'Received an invoice from an unknown sender; did not open the attachment.',
        subcategory: 'Spam',
        service: 0,
        group: 4,
      },
    ],
  },
  {
    name: 'Access',
    subcategories: ['Password reset', 'Account locked', 'Permissions', 'MFA'],
    templates: [
      {
        title: 'Account locked after password change',
        description: 'Changed my password this morning, now locked out everywhere.',
        subcategory: 'Account locked',
        service: null,
        group: 4,
      },
      {
        title: 'Password reset for ERP',
        description: 'Forgot my ERP password and the self-service reset does not send the email.',
        subcategory: 'Password reset',
        service: 3,
        group: 4,
      },
      {
        title: 'Need access to Finance share',
        description: 'New in Finance; need read/write on the Finance department drive.',
        subcategory: 'Permissions',
        service: 6,
        group: 4,
      },
      {
        title: 'New phone, MFA codes not arriving',
        description: 'Got a new phone and the authenticator app no longer works.',
        subcategory: 'MFA',
        service: null,
        group: 4,
      },
    ],
  },
  {
    name: 'Printing',
    subcategories: ['Printer offline', 'Paper jam', 'Print queue', 'Scanning'],
    templates: [
      {
        title: 'Printer on floor 2 shows offline',
        description: 'The floor 2 printer shows offline for everybody.',
        subcategory: 'Printer offline',
        service: 7,
        group: 2,
      },
      {
        title: 'Paper jam that will not clear',
        description: 'Paper jam message stays after removing all the paper.',
        subcategory: 'Paper jam',
        service: 7,
        group: 2,
      },
      {
        title: 'Print jobs stuck in queue',
        description: 'My print jobs stay “spooling” and never print.',
        subcategory: 'Print queue',
        service: 7,
        group: 2,
      },
      {
        title: 'Scan to email not working',
        description: 'Scans are not arriving in my inbox.',
        subcategory: 'Scanning',
        service: 7,
        group: 2,
      },
    ],
  },
  {
    name: 'Applications',
    subcategories: ['ERP', 'CRM', 'HR portal', 'Intranet'],
    templates: [
      {
        title: 'ERP purchase order approval error',
        description: 'Approving a purchase order fails with “workflow error 502”.',
        subcategory: 'ERP',
        service: 3,
        group: 3,
      },
      {
        title: 'CRM reports empty since yesterday',
        description: 'All pipeline reports in CRM show no data since yesterday afternoon.',
        subcategory: 'CRM',
        service: 4,
        group: 3,
      },
      {
        title: 'HR portal shows wrong leave balance',
        description: 'My leave balance is 10 days short of what my manager approved.',
        subcategory: 'HR portal',
        service: 5,
        group: 3,
      },
      {
        title: 'Intranet page loads very slowly',
        description: 'Intranet news page takes over a minute to load.',
        subcategory: 'Intranet',
        service: 9,
        group: 3,
      },
    ],
  },
  {
    name: 'Telephony',
    subcategories: ['Desk phone', 'Softphone', 'Voicemail'],
    templates: [
      {
        title: 'Desk phone has no dial tone',
        description: 'Desk phone display is on but there is no dial tone.',
        subcategory: 'Desk phone',
        service: 8,
        group: 1,
      },
      {
        title: 'Softphone echo on calls',
        description: 'Customers hear an echo when I call from the softphone.',
        subcategory: 'Softphone',
        service: 8,
        group: 1,
      },
      {
        title: 'Voicemail PIN reset',
        description: 'Locked out of my voicemail after too many PIN attempts.',
        subcategory: 'Voicemail',
        service: 8,
        group: 0,
      },
    ],
  },
];

export const DEMO_FIRST_NAMES = [
  'Emma',
  'Noah',
  'Olivia',
  'Lucas',
  'Mia',
  'Ethan',
  'Ava',
  'Leo',
  'Isla',
  'Omar',
  'Hana',
  'Ivan',
  'Zara',
  'Mateo',
  'Nora',
  'Arjun',
  'Elena',
  'Yusuf',
  'Grace',
  'Tomás',
  'Ines',
  'Felix',
  'Aisha',
  'Hugo',
  'Lea',
  'Ravi',
  'Sara',
  'Jakub',
  'Mei',
  'Oscar',
];
export const DEMO_LAST_NAMES = [
  'Schmidt',
  'Dubois',
  'García',
  'Nowak',
  'Jensen',
  'Silva',
  'Kowalski',
  'Müller',
  'Brown',
  'Patel',
  'Ahmed',
  'Costa',
  'Lindqvist',
  'Yamamoto',
  'Fischer',
  'Moreau',
  'Hughes',
  'Nakamura',
  'Kaya',
  'Mensah',
  'Petrov',
  'Larsen',
  'Ortiz',
  'Chen',
  'Rahman',
];
export const DEMO_DEPARTMENTS = [
  'Finance',
  'Sales',
  'HR',
  'Marketing',
  'Operations',
  'Legal',
  'Engineering',
  'Procurement',
];

export const DEMO_NOTES = [
  'Called the user, reproduced the problem on their machine.',
  'Checked the logs; the error started after last night’s change window.',
  'Asked the user for a screenshot of the error message.',
  'Remote session: cleared the cached credentials and restarted the client.',
  'Same symptom reported by two colleagues in the same department.',
  'Escalation not needed yet; monitoring after the fix.',
];

/** What caused each of DEMO_RESOLUTIONS, in the same order. */
export const DEMO_CAUSES = [
  'A worn part in the device.',
  'The account was locked after too many failed sign-ins.',
  'A known defect in the vendor’s current release.',
  'A damaged installation of the client after an interrupted update.',
  'A wrong setting made during the last change.',
];

export const DEMO_RESOLUTIONS = [
  'Replaced the faulty part and confirmed with the user that it works.',
  'Reset the account and walked the user through signing in again.',
  'Applied the documented workaround; permanent fix tracked with the vendor.',
  'Reinstalled the client; user confirmed everything works.',
  'Corrected the configuration; verified with a test.',
];
