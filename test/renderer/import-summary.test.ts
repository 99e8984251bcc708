import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '#shared/domain/intake.ts';
import { bytesToBase64, chunkOffsets, UPLOAD_CHUNK_BYTES } from '../../renderer/src/api/upload-chunks.ts';
import {
  addSummaries,
  describeImport,
  EMPTY_SUMMARY,
  importSentence,
  isImportable,
  refusedFile,
} from '../../renderer/src/intake/import-summary.ts';

const summary = (fields: Partial<ImportSummary>): ImportSummary => ({ ...EMPTY_SUMMARY, ...fields });

describe('an import told in words', () => {
  it('names each outcome that happened, and only those', () => {
    const words = describeImport(summary({ messages: 12, imported: 8, threaded: 2, duplicate: 1, automatic: 1 }));
    expect(words.headline).toBe('Imported 11 of 12 messages');
    expect(words.outcomes).toEqual([
      '8 new items in the inbox',
      '2 messages added to their incidents',
      '1 message was already here',
      '1 automatic message (auto-replies, bounces, loops: kept, never answered, not for triage)',
    ]);
  });

  it('says when nothing was new, and when the files held no mail', () => {
    expect(describeImport(summary({ messages: 3, duplicate: 3 })).headline).toBe('Nothing new imported');
    expect(describeImport(EMPTY_SUMMARY).headline).toBe('No messages found in the files');
    expect(importSentence(summary({ messages: 1, imported: 1 }))).toBe('Imported 1 message: 1 new item in the inbox.');
  });

  it('keeps the reasons of failures, from the desk and from files it never took', () => {
    const desk = summary({
      messages: 2,
      imported: 1,
      failed: 1,
      failures: [{ source: 'a.mbox #2', reason: 'Broken.' }],
    });
    const both = addSummaries(desk, refusedFile('notes.pdf', 'Only .eml and .mbox files can be imported.'));
    expect(both.failed).toBe(2);
    expect(describeImport(both).outcomes).toContain('2 could not be imported');
    expect(describeImport(both).failures.map((f) => f.source)).toEqual(['a.mbox #2', 'notes.pdf']);
  });

  for (const [name, importable] of [
    ['support.mbox', true],
    ['Reply.EML', true],
    ['old.mbx', true],
    ['photo.png', false],
    ['mbox', false],
  ] as const) {
    it(`${importable ? 'takes' : 'refuses'} ${name}`, () => expect(isImportable(name)).toBe(importable));
  }
});

describe('upload chunks', () => {
  it('cuts a file into 512 KiB chunks, none for an empty file', () => {
    expect(chunkOffsets(0)).toEqual([]);
    expect(chunkOffsets(1)).toEqual([0]);
    expect(chunkOffsets(UPLOAD_CHUNK_BYTES)).toEqual([0]);
    expect(chunkOffsets(UPLOAD_CHUNK_BYTES * 2 + 1)).toEqual([0, UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES * 2]);
  });

  it('encodes a whole chunk as base64 within what the contract accepts', () => {
    const bytes = new Uint8Array(UPLOAD_CHUNK_BYTES).map((_, i) => (i * 31) % 256);
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(encoded.length).toBeLessThanOrEqual(786_432);
  });
});
