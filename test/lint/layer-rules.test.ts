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
