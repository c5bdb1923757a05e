import type { AttachmentSettings } from '@parley/shared';
import { describe, expect, test } from 'vitest';
import {
  acceptAttribute,
  attachmentKindOf,
  DEFAULT_ATTACHMENT_SETTINGS,
  refusalOf,
  screenFiles,
  uploadName,
} from './attachment-rules';

const settings = (change: Partial<AttachmentSettings> = {}): AttachmentSettings => ({
  ...DEFAULT_ATTACHMENT_SETTINGS,
  ...change,
});
const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe('what kind a file is', () => {
  test('the type the browser reports decides, then the extension', () => {
    expect(attachmentKindOf(file('scan', 'application/pdf'))).toBe('pdf');
    expect(attachmentKindOf(file('IMG_0001.JPG', ''))).toBe('image');
    expect(attachmentKindOf(file('notes.txt', 'application/octet-stream'))).toBe('text');
    expect(attachmentKindOf(file('budget.xlsx', ''))).toBe('office');
    expect(attachmentKindOf(file('export.csv', 'text/csv'))).toBe('office');
  });

  test('pictures the relay would refuse (HEIC, SVG) and programs are no kind at all', () => {
    expect(attachmentKindOf(file('photo.heic', 'image/heic'))).toBeNull();
    expect(attachmentKindOf(file('logo.svg', 'image/svg+xml'))).toBeNull();
    expect(attachmentKindOf(file('setup.exe', 'application/x-msdownload'))).toBeNull();
    expect(attachmentKindOf(file('README', ''))).toBeNull();
  });

  test('the file picker offers only the kinds the site takes', () => {
    const accept = acceptAttribute(['pdf', 'text']).split(',');
    expect(accept).toEqual(['application/pdf', '.pdf', 'text/plain', '.txt']);
  });
});

describe('checking a file before it is uploaded', () => {
  test('a file over the size limit is refused with its size and the limit', () => {
    expect(refusalOf(file('video.pdf', 'application/pdf', 12 * 1024 * 1024), settings())).toBe(
      '“video.pdf” is 12 MB; this site accepts files up to 10 MB.',
    );
  });

  test('a kind the site does not take is refused, saying what it does take', () => {
    expect(refusalOf(file('report.docx', ''), settings({ allowedKinds: ['image', 'pdf'] }))).toBe(
      '“report.docx” is not a kind of file this site accepts. It accepts images (PNG, JPEG, GIF, WebP), PDF.',
    );
  });

  test('an empty file and a site without files are refused', () => {
    expect(refusalOf(file('a.txt', 'text/plain', 0), settings())).toBe('“a.txt” is empty.');
    expect(refusalOf(file('a.txt', 'text/plain'), settings({ enabled: false }))).toBe(
      'This site does not accept files.',
    );
  });

  test('a file within the limits passes', () => {
    expect(refusalOf(file('a.png', 'image/png', 10 * 1024 * 1024), settings())).toBeNull();
  });

  test('files beyond the per-message count are left out and named', () => {
    const chosen = [
      file('1.png', 'image/png'),
      file('2.png', 'image/png'),
      file('3.png', 'image/png'),
    ];
    const { accepted, refusals } = screenFiles(chosen, settings({ maxFilesPerMessage: 3 }), 1);
    expect(accepted.map((f) => f.name)).toEqual(['1.png', '2.png']);
    expect(refusals).toEqual(['A message takes at most 3 files on this site; not added: “3.png”.']);
  });

  test('refused files do not use up the count', () => {
    const chosen = [file('big.png', 'image/png', 50 * 1024 * 1024), file('ok.png', 'image/png')];
    const { accepted, refusals } = screenFiles(chosen, settings({ maxFilesPerMessage: 1 }), 0);
    expect(accepted.map((f) => f.name)).toEqual(['ok.png']);
    expect(refusals).toHaveLength(1);
  });
});

test('a name longer than the relay takes keeps its extension', () => {
  const long = `${'x'.repeat(300)}.pdf`;
  expect(uploadName(long)).toHaveLength(255);
  expect(uploadName(long).endsWith('x.pdf')).toBe(true);
  expect(uploadName('short.pdf')).toBe('short.pdf');
});
