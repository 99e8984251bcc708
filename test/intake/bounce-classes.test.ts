import { beforeAll, expect, it } from 'vitest';
import { classifyEmail } from '#core/email/classify.ts';
import { parseEmail } from '#core/email/parse-email.ts';
import type { MessageKind } from '#shared/domain/intake.ts';
import { bounceFiles, readBounce } from './corpus.ts';
import type { BounceClass } from './corpus.ts';
import { describeWithBounces } from './with-corpus.ts';

/**
 * What the intake calls the real automatic mail of sisimai's collection (../shared/corpus/bounces), against the
 * class sisimai's own test tables give each file, in each line-ending folder (bsd/ LF, dos/ CRLF, mac/ CR
 * only, err/ pieces of a bounce mailbox). The confusion table is printed; the test fails below the figures the
 * desk needs before it may answer mail on its own: bounce precision 0.99 and recall 0.98, abuse reports and
 * automatic replies each in their own class at 0.95 precision and recall, and no notice of a successful
 * delivery called a bounce.
 */
const KIND_OF: Readonly<Record<BounceClass, MessageKind>> = {
  bounce: 'bounce',
  auto_reply: 'auto_reply',
  feedback_report: 'abuse_report',
  delivery_success: 'delivery_notice',
};

const FLOORS: readonly { kind: MessageKind; precision: number; recall: number }[] = [
  { kind: 'bounce', precision: 0.99, recall: 0.98 },
  { kind: 'abuse_report', precision: 0.95, recall: 0.95 },
  { kind: 'auto_reply', precision: 0.95, recall: 0.95 },
];

interface Outcome {
  readonly folder: string;
  readonly file: string;
  readonly expected: MessageKind;
  readonly got: MessageKind;
}

function confusionTable(folder: string, outcomes: readonly Outcome[]): string {
  const got = [...new Set(outcomes.map((o) => o.got))].sort();
  const rows = [...new Set(outcomes.map((o) => o.expected))].sort().map((expected) => {
    const cells = got.map((kind) => outcomes.filter((o) => o.expected === expected && o.got === kind).length);
    return `${expected.padEnd(16)}${cells.map((n) => String(n).padStart(16)).join('')}`;
  });
  return [`${folder}/ expected ↓ got →`, `${''.padEnd(16)}${got.map((k) => k.padStart(16)).join('')}`, ...rows].join(
    '\n',
  );
}

function measure(outcomes: readonly Outcome[], kind: MessageKind) {
  const called = outcomes.filter((o) => o.got === kind);
  const actual = outcomes.filter((o) => o.expected === kind);
  const right = called.filter((o) => o.expected === kind).length;
  return {
    precision: called.length ? right / called.length : 1,
    recall: actual.length ? right / actual.length : 1,
    actual: actual.length,
  };
}

describeWithBounces('automatic mail, each in its class', () => {
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    for (const { file, expected } of bounceFiles()) {
      const got = classifyEmail(await parseEmail(readBounce(file))).kind;
      outcomes.push({ folder: file.split('/')[0]!, file, expected: KIND_OF[expected], got });
    }
  });

  it('covers all four folders of the collection', () => {
    expect([...new Set(outcomes.map((o) => o.folder))].sort()).toEqual(['bsd', 'dos', 'err', 'mac']);
    expect(outcomes.length).toBe(408);
  });

  for (const folder of ['bsd', 'dos', 'mac', 'err', 'all']) {
    it(`${folder === 'all' ? 'all folders together' : `${folder}/`}: at or above the floors`, () => {
      const these = folder === 'all' ? outcomes : outcomes.filter((o) => o.folder === folder);
      console.log(confusionTable(folder, these));
      const wrong = these.filter((o) => o.got !== o.expected).map((o) => `${o.file}: ${o.expected} → ${o.got}`);
      if (wrong.length) console.log(`called otherwise:\n  ${wrong.join('\n  ')}`);
      for (const { kind, precision, recall } of FLOORS) {
        const measured = measure(these, kind);
        if (!measured.actual) continue;
        console.log(
          `${folder} ${kind}: precision ${measured.precision.toFixed(3)}, recall ${measured.recall.toFixed(3)} (${measured.actual} files)`,
        );
        expect(measured.precision, `${folder} ${kind} precision`).toBeGreaterThanOrEqual(precision);
        expect(measured.recall, `${folder} ${kind} recall`).toBeGreaterThanOrEqual(recall);
      }
      const successCalledBounce = these.filter((o) => o.expected === 'delivery_notice' && o.got === 'bounce');
      expect(successCalledBounce.map((o) => o.file)).toEqual([]);
    });
  }

  it('calls the notice of a successful delivery a delivery notice', () => {
    const notices = outcomes.filter((o) => o.expected === 'delivery_notice');
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.filter((o) => o.got !== 'delivery_notice').map((o) => o.file)).toEqual([]);
  });
});
