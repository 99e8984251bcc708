import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS } from '#shared/domain/kpi-definitions.ts';

describe('the KPI definitions', () => {
  // The screen, the CLI and the README state what each figure counts in one text: a definition changed in code
  // and not in the README would have supervisors read two meanings.
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  for (const [figure, text] of Object.entries(KPI_DEFINITIONS)) {
    it(`the README quotes the definition of ${figure} word for word`, () => {
      expect(readme).toContain(text);
    });
  }
});
