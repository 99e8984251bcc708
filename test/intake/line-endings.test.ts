import { expect, it } from 'vitest';
import { classifyEmail } from '#core/email/classify.ts';
import { parseEmail } from '#core/email/parse-email.ts';
import type { ParsedEmail } from '#core/email/parse-email.ts';
import { bounceFiles, readBounce } from './corpus.ts';
import { describeWithBounces } from './with-corpus.ts';

/**
 * Mail arrives with LF, CRLF and CR alone. The bounce corpus holds the same mails three times: bsd/ with LF,
 * dos/ with CRLF, mac/ with CR only (as classic Mac OS mailers wrote them). Each reads as the same mail.
 */
function whatAnAgentSees(email: ParsedEmail) {
  return {
    from: email.from,
    subject: email.subject,
    date: email.date,
    messageId: email.messageId,
    text: email.text.replace(/\r\n?/g, '\n').trim(),
    attachments: email.attachments.map((a) => [a.name, a.contentType]),
    returned: email.returned?.messageId ?? null,
    kind: classifyEmail(email).kind,
  };
}

describeWithBounces('line endings', () => {
  const copies = bounceFiles().filter(({ file }) => /^(mac|dos)\//.test(file));

  it('has the same mails in LF, CRLF and CR-only folders', () => {
    expect(copies.filter(({ file }) => file.startsWith('mac/')).length).toBe(37);
    expect(copies.filter(({ file }) => file.startsWith('dos/')).length).toBe(37);
  });

  for (const folder of ['mac', 'dos']) {
    it(`reads every ${folder}/ mail as its LF copy reads`, async () => {
      for (const { file } of copies.filter((copy) => copy.file.startsWith(`${folder}/`))) {
        const lf = whatAnAgentSees(await parseEmail(readBounce(file.replace(/^\w+\//, 'bsd/'))));
        expect(lf.from ?? lf.subject, file).toBeTruthy();
        expect(whatAnAgentSees(await parseEmail(readBounce(file))), file).toEqual(lf);
      }
    });
  }
});
