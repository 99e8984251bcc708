import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of DESIGN §2 live in eslint.config.js. These cases prove each rule bites: a file that breaks
 * it is reported, and the same import in a layer allowed to make it is not.
 */
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..', '..') });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter(
      (m) =>
        m.ruleId === 'no-restricted-imports' ||
        m.ruleId === 'no-restricted-syntax' ||
        m.ruleId === 'no-restricted-globals',
    )
    .map((m) => m.message);
}

const cases: { file: string; code: string; broken: boolean; why: string }[] = [
  {
    file: 'shared/domain/x.ts',
    code: "import fs from 'node:fs';\nexport const a = fs;\n",
    broken: true,
    why: 'shared/ uses Node',
  },
  {
    file: 'shared/domain/x.ts',
    code: "import { createCore } from '#core/index.ts';\nexport const a = createCore;\n",
    broken: true,
    why: 'shared/ reaches into the core',
  },
  {
    file: 'shared/domain/x.ts',
    code: "import { a } from '../../electron/core/store/apply.ts';\nexport const b = a;\n",
    broken: true,
    why: 'shared/ imports another layer by path',
  },
  {
    file: 'shared/domain/x.ts',
    code: 'export const w = window.location;\n',
    broken: true,
    why: 'shared/ touches the DOM',
  },
  {
    file: 'shared/domain/x.ts',
    code: "import { z } from 'zod';\nexport const s = z.string();\n",
    broken: false,
    why: 'shared/ may use zod',
  },
  {
    file: 'electron/core/x.ts',
    code: "import { app } from 'electron';\nexport const a = app;\n",
    broken: true,
    why: 'the core imports electron',
  },
  {
    file: 'electron/core/x.ts',
    code: "import { render } from 'react-dom';\nexport const r = render;\n",
    broken: true,
    why: 'the core imports UI',
  },
  {
    file: 'electron/main/x.ts',
    code: "import { app } from 'electron';\nexport const a = app;\n",
    broken: false,
    why: 'main may import electron',
  },
  {
    file: 'renderer/src/queue/x.ts',
    code: 'export const d = window.desk;\n',
    broken: true,
    why: 'window.desk outside renderer/src/api',
  },
  {
    file: 'renderer/src/api/x.ts',
    code: 'export const d = window.desk;\n',
    broken: false,
    why: 'renderer/src/api may use window.desk',
  },
  {
    file: 'renderer/src/queue/x.ts',
    code: "import path from 'node:path';\nexport const p = path;\n",
    broken: true,
    why: 'the renderer uses Node',
  },
  {
    file: 'renderer/src/queue/x.ts',
    code: "import { Store } from '../../../electron/core/store/store.ts';\nexport const s = Store;\n",
    broken: true,
    why: 'the renderer reaches into the core',
  },
  {
    file: 'electron/host/x.ts',
    code: "import { findInboxPage } from '#core/inbox/inbox.repository.ts';\nexport const f = findInboxPage;\n",
    broken: true,
    why: 'a host reaches past the core entry into a feature folder',
  },
  {
    file: 'electron/host/x.ts',
    code: "import { createCore } from '#core/index.ts';\nexport const c = createCore;\n",
    broken: false,
    why: 'a host uses the core entry',
  },
  {
    file: 'electron/host/x.ts',
    code: "import { listAccounts } from '../../hub/auth/accounts.ts';\nexport const l = listAccounts;\n",
    broken: true,
    why: 'a host reaches into the hub past hub/index.ts',
  },
  {
    file: 'electron/host/x.ts',
    code: "import { startHub } from '../../hub/index.ts';\nexport const s = startHub;\n",
    broken: false,
    why: 'a host uses the hub entry',
  },
  {
    file: 'electron/host/x.ts',
    code: 'export const f = (core: { store: { db: unknown } }) => core.store.db;\n',
    broken: true,
    why: "a host uses the core's store instead of its entries",
  },
  {
    file: 'electron/host/x.ts',
    code: "import { app } from 'electron';\nexport const a = app;\n",
    broken: true,
    why: 'a host imports electron (hosts run without it)',
  },
  {
    file: 'electron/main/x.ts',
    code: "import { Store } from '#core/store/store.ts';\nexport const s = Store;\n",
    broken: true,
    why: 'the shell reaches past the core entry',
  },
  {
    file: 'electron/main/x.ts',
    code: "import { startWebHost } from '../host/web-server.ts';\nexport const s = startWebHost;\n",
    broken: true,
    why: 'the shell imports a host',
  },
  {
    file: 'electron/preload/x.ts',
    code: "import { forwardEvents } from '../main/forward-events.ts';\nexport const f = forwardEvents;\n",
    broken: true,
    why: 'the preload imports the main process',
  },
  {
    file: 'electron/preload/x.ts',
    code: "import { createCore } from '#core/index.ts';\nexport const c = createCore;\n",
    broken: true,
    why: 'the preload imports the core',
  },
  {
    file: 'electron/preload/x.ts',
    code: "import { isHandlerName } from '#shared/contract.ts';\nexport const i = isHandlerName;\n",
    broken: false,
    why: 'the preload knows the contract',
  },
  {
    file: 'hub/x.ts',
    code: "import { app } from 'electron';\nexport const a = app;\n",
    broken: true,
    why: 'the hub imports electron',
  },
];

describe('layer rules (DESIGN §2)', () => {
  for (const { file, code, broken, why } of cases) {
    it(`${broken ? 'refuses' : 'allows'}: ${why}`, async () => {
      const errors = await layerErrors(file, code);
      if (broken) expect(errors, `${file} should be refused`).not.toEqual([]);
      else expect(errors).toEqual([]);
    });
  }
});
