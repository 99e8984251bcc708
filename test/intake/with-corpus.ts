import { describe, it } from 'vitest';
import { CORPUS_MISSING, corpusAvailable } from './corpus.ts';

/**
 * A describe block that needs the corpus: skipped with the reason when the corpus is missing, except under
 * CI=true, where a missing corpus fails (as a missing system service does, DESIGN §9).
 */
export function describeWithCorpus(name: string, body: () => void): void {
  if (corpusAvailable) describe(name, body);
  else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs the email corpus', () => {
        throw new Error(CORPUS_MISSING);
      });
    });
  } else describe.skip(`${name} (skipped: ${CORPUS_MISSING})`, body);
}
