import { describe, it } from 'vitest';
import { CORPUS_MISSING, corpusAvailable, corpusRequired } from './corpus.ts';

/**
 * A describe block that needs the corpus: skipped with the reason when the corpus is missing. The corpus lives
 * beside the repository, not in it, and no package installs it, so a machine without it skips these tests;
 * DESK_REQUIRE_CORPUS=1 makes a missing corpus fail instead.
 */
export function describeWithCorpus(name: string, body: () => void): void {
  if (corpusAvailable) describe(name, body);
  else if (corpusRequired) {
    describe(name, () => {
      it('needs the email corpus', () => {
        throw new Error(CORPUS_MISSING);
      });
    });
  } else {
    // The body is not run: it reads the corpus as it declares its tests.
    describe.skip(`${name} (skipped: ${CORPUS_MISSING})`, () => {
      it('needs the email corpus', () => {});
    });
  }
}
