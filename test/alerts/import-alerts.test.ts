import { execFile } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSummary } from '#shared/domain/intake.ts';
import { createCore } from '#core/index.ts';
import { REPO_ROOT } from '../helpers/child-process.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';
import { fixture, fixturePath, probeFailure } from './alert-fixtures.ts';

/** `desk import` of saved alert notifications, through the real command in its own process. */
const DESK = path.join(REPO_ROOT, 'electron', 'host', 'desk.mjs');

let dir: TempDir;

beforeEach(async () => {
  dir = await tempDir();
});

afterEach(async () => {
  await dir.remove();
});

function importJson(...files: string[]): Promise<ImportSummary> {
  const workspace = path.join(dir.path, 'workspace');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [DESK, 'import', '--data', workspace, '--json', ...files],
      { cwd: REPO_ROOT, timeout: 60_000 },
      // Exit code 3 says that some files or messages failed (README): the summary lists them.
      (error, stdout, stderr) =>
        error && error.code !== 3 ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

describe('desk import of alert JSON', () => {
  it('takes notifications through the same intake as the webhooks, counted in the summary', async () => {
    const files = {
      probe: path.join(dir.path, 'probe.json'),
      legacy: path.join(dir.path, 'legacy.json'),
      batch: path.join(dir.path, 'batch.json'),
      broken: path.join(dir.path, 'broken.json'),
    };
    await copyFile(fixturePath('alertmanager-probe-failure.json'), files.probe);
    await copyFile(fixturePath('grafana-legacy.json'), files.legacy);
    // A capture of several deliveries: the probe's recovery, something else, and a Grafana group.
    await writeFile(
      files.batch,
      JSON.stringify([probeFailure({ status: 'resolved' }), { hello: 'world' }, fixture('grafana-unified.json')]),
    );
    await writeFile(files.broken, '{"alerts": [');

    const first = await importJson(...Object.values(files));
    expect(first).toMatchObject({ messages: 7, imported: 0, threaded: 5, duplicate: 0, automatic: 0, failed: 2 });
    expect(first.failures).toEqual([
      { source: 'batch.json #2', reason: expect.stringMatching(/not an Alertmanager or Grafana alert notification/) },
      { source: 'broken.json', reason: expect.stringMatching(/not JSON/) },
    ]);

    const second = await importJson(...Object.values(files));
    expect(second).toMatchObject({ messages: 7, threaded: 0, duplicate: 5, failed: 2 });

    const core = await createCore({ dataDir: path.join(dir.path, 'workspace'), autoSync: false, queueIndex: false });
    try {
      const incidents = await core.store.db
        .selectFrom('incident')
        .select(['title', 'status', 'channel'])
        .orderBy('title')
        .execute();
      expect(incidents).toEqual([
        { title: 'BlackBox Probe Failure: https://server.example.org', status: 'resolved', channel: 'monitoring' },
        { title: 'Panel Title alert', status: 'new', channel: 'monitoring' },
        { title: 'This alert was triggered for zone eu-1', status: 'new', channel: 'monitoring' },
        { title: 'This alert was triggered for zone us-1', status: 'new', channel: 'monitoring' },
      ]);
      const sources = await core.store.db.selectFrom('message').select('source').orderBy('source').execute();
      expect(sources.map((row) => row.source)).toEqual([
        'import: batch.json #1',
        'import: batch.json #3',
        'import: batch.json #3',
        'import: legacy.json',
        'import: probe.json',
      ]);
    } finally {
      await core.close();
    }
  });
});
