import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import type { ICruiseOptions, ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The import rules of .dependency-cruiser.mjs (no cycles; the renderer's layer table), as `npm run lint` runs
 * them. A small tree of our own shows each rule bites and each allowed import passes; then the real tree
 * passes as a whole.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CHECKED = ['electron', 'renderer', 'hub', 'shared'];

/** Each fixture file with the files it imports, relative to it. */
const FIXTURE: Record<string, readonly string[]> = {
  // Allowed: a feature uses a foundation, a piece and api/; the settings screen shows the Mailboxes tab;
  // api/ uses shared/.
  'renderer/src/queue/QueueScreen.tsx': ['../navigation/route.ts', '../common/Badge.tsx', '../api/desk.ts'],
  'renderer/src/settings/SettingsScreen.tsx': ['../mailboxes/MailboxesTab.tsx'],
  'renderer/src/mailboxes/MailboxesTab.tsx': ['../forms/EditorForm.tsx'],
  'renderer/src/forms/EditorForm.tsx': ['../api/desk.ts', '../feedback/toast.ts'],
  'renderer/src/shell/Shell.tsx': ['../queue/QueueScreen.tsx', '../settings/SettingsScreen.tsx'],
  'renderer/src/navigation/route.ts': [],
  'renderer/src/common/Badge.tsx': [],
  'renderer/src/api/desk.ts': ['../../../shared/contract.ts'],
  'shared/contract.ts': [],
  'renderer/src/feedback/toast.ts': [],
  // Refused, one side door each.
  'renderer/src/api/use-queue.ts': ['../queue/page-cache.ts'],
  'renderer/src/queue/page-cache.ts': [],
  'renderer/src/incident/Timeline.tsx': ['../shell/Shell.tsx'],
  'renderer/src/mailboxes/MailboxEditor.tsx': ['../settings/SettingsScreen.tsx'],
  'renderer/src/common/IncidentLink.tsx': ['../incident/Timeline.tsx'],
  'renderer/src/navigation/use-route.ts': ['../api/desk.ts'],
  'renderer/src/inbox/InboxScreen.tsx': ['../widgets/Fancy.tsx'],
  'renderer/src/widgets/Fancy.tsx': [],
  'renderer/src/sync/SyncDot.tsx': ['../../../electron/core/sync/sync-engine.ts'],
  'electron/core/sync/sync-engine.ts': [],
  // Cycles, one of them through a type alone.
  'renderer/src/feedback/ToastStack.tsx': ['./toast-context.tsx'],
  'renderer/src/feedback/toast-context.tsx': ['type:./ToastStack.tsx'],
  'hub/routes.ts': ['./auth.ts'],
  'hub/auth.ts': ['./routes.ts'],
  // The shell and the hosts: through the core's entry and the hub's, or refused.
  'electron/core/index.ts': ['./sync/sync-engine.ts'],
  'electron/host/cli.ts': ['../core/index.ts', '../../hub/index.ts'],
  'hub/index.ts': [],
  'electron/host/inbox-command.ts': ['../core/inbox/inbox.repository.ts'],
  'electron/core/inbox/inbox.repository.ts': [],
  'electron/host/hub-command.ts': ['../../hub/db/database.ts'],
  'hub/db/database.ts': [],
  'electron/preload/bridge.ts': ['../main/channel.ts'],
  'electron/main/channel.ts': [],
  'electron/core/queue/reader.ts': ['../../host/cli.ts'],
};

/** Rule, importer and imported of every import the rules must refuse in the fixture (a cycle: its files). */
const REFUSED = [
  ['renderer-layer-api', 'renderer/src/api/use-queue.ts', 'renderer/src/queue/page-cache.ts'],
  ['renderer-layer-incident', 'renderer/src/incident/Timeline.tsx', 'renderer/src/shell/Shell.tsx'],
  ['renderer-layer-mailboxes', 'renderer/src/mailboxes/MailboxEditor.tsx', 'renderer/src/settings/SettingsScreen.tsx'],
  ['renderer-layer-common', 'renderer/src/common/IncidentLink.tsx', 'renderer/src/incident/Timeline.tsx'],
  ['renderer-layer-navigation', 'renderer/src/navigation/use-route.ts', 'renderer/src/api/desk.ts'],
  ['renderer-layer-inbox', 'renderer/src/inbox/InboxScreen.tsx', 'renderer/src/widgets/Fancy.tsx'],
  ['renderer-folder-in-layer-table', 'renderer/src/inbox/InboxScreen.tsx', 'renderer/src/widgets/Fancy.tsx'],
  ['renderer-imports-only-shared', 'renderer/src/sync/SyncDot.tsx', 'electron/core/sync/sync-engine.ts'],
  ['no-circular', 'renderer/src/feedback/ToastStack.tsx', 'renderer/src/feedback/toast-context.tsx'],
  ['no-circular', 'hub/auth.ts', 'hub/routes.ts'],
  [
    'shell-and-hosts-through-the-core-entry',
    'electron/host/inbox-command.ts',
    'electron/core/inbox/inbox.repository.ts',
  ],
  ['hosts-through-the-hub-entry', 'electron/host/hub-command.ts', 'hub/db/database.ts'],
  ['preload-knows-the-contract-only', 'electron/preload/bridge.ts', 'electron/main/channel.ts'],
  ['core-imports-only-shared', 'electron/core/queue/reader.ts', 'electron/host/cli.ts'],
];

function importLine(target: string, index: number): string {
  const typeOnly = target.startsWith('type:');
  const file = typeOnly ? target.slice('type:'.length) : target;
  return typeOnly ? `import type { T as T${index} } from '${file}';` : `import { v as v${index} } from '${file}';`;
}

async function writeFixture(root: string): Promise<void> {
  for (const [file, imports] of Object.entries(FIXTURE)) {
    const source = [...imports.map(importLine), 'export const v = 1;', 'export type T = number;'].join('\n');
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), `${source}\n`);
  }
}

/** A cycle is reported once, from whichever of its files came first: it is named by its files, sorted. */
function refusals(result: ICruiseResult): string[][] {
  return result.summary.violations.map((v) =>
    v.cycle
      ? [v.rule.name, ...new Set([v.from, ...v.cycle.map((step) => step.name)].sort())]
      : [v.rule.name, v.from, v.to],
  );
}

const sorted = (rows: readonly (readonly string[])[]) => rows.map((row) => row.join(' → ')).sort();

describe('import rules (.dependency-cruiser.mjs)', () => {
  let options: ICruiseOptions;
  let fixture: string;

  beforeAll(async () => {
    options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.mjs'));
    fixture = await mkdtemp(path.join(os.tmpdir(), 'desk-imports-'));
    await writeFixture(fixture);
  });
  afterAll(async () => {
    await rm(fixture, { recursive: true, force: true });
  });

  it('refuses each side door and cycle of a small tree, and allows the imports the layer table allows', async () => {
    const { output } = await cruise(CHECKED, { ...options, baseDir: fixture });
    expect(sorted(refusals(output as ICruiseResult))).toEqual(sorted(REFUSED));
  });

  it('finds nothing to refuse in the real tree', async () => {
    const { output } = await cruise(CHECKED, { ...options, baseDir: ROOT });
    const result = output as ICruiseResult;
    expect(refusals(result)).toEqual([]);
    // A tree that resolved nothing would pass too: the renderer alone has well over a hundred modules.
    expect(result.summary.totalCruised).toBeGreaterThan(200);
  });
});
