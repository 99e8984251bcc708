import { describe, it } from 'vitest';
import { BOUNCES_MISSING, CORPUS_MISSING, bouncesAvailable, corpusAvailable, corpusRequired } from './corpus.ts';

/**
 * A describe block that needs the corpus: skipped with the reason when the corpus is missing. The corpus lives
 * beside the repository, not in it, and no package installs it, so a machine without it skips these tests;
 * DESK_REQUIRE_CORPUS=1 makes a missing corpus fail instead.
 */
export function describeWithCorpus(name: string, body: () => void, needs: 'email' | 'bounces' = 'email'): void {
  const [available, missing] =
    needs === 'email' ? [corpusAvailable, CORPUS_MISSING] : [bouncesAvailable, BOUNCES_MISSING];
  if (available) describe(name, body);
  else if (corpusRequired) {
    describe(name, () => {
      it(`needs the ${needs} corpus`, () => {
        throw new Error(missing);
      });
    });
  } else {
    // The body is not run: it reads the corpus as it declares its tests.
    describe.skip(`${name} (skipped: ${missing})`, () => {
      it(`needs the ${needs} corpus`, () => {});
    });
  }
}

/** A describe block that needs the bounce corpus (../shared/corpus/bounces). */
export function describeWithBounces(name: string, body: () => void): void {
  describeWithCorpus(name, body, 'bounces');
}
