import { describe, expect, it } from 'vitest';
import type { Message } from '@parley/shared';
import { makeMessage, makeSite, makeVisitor } from '../storage/store-contract-fixtures';
import { replyMail } from './visitor-mail';

const site = makeSite({ name: 'Cửa hàng' });
const visitor = { ...makeVisitor(site.id, { locale: 'vi' }), email: 'lan@example.vn' };

describe('an agent’s reply emailed with a file', () => {
  it('lists the file after the text, as text in both parts, with its absolute link', () => {
    const message: Message = {
      ...makeMessage('conversation_1', 'Hoá đơn của bạn', { author: 'agent', authorName: 'Minh' }),
      seq: 2,
      attachments: [
        {
          id: 'f1',
          name: '<img src=x onerror=alert(1)>.pdf',
          type: 'application/pdf',
          size: 1_258_291,
          url: '/api/files/f1/s3cret/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.pdf',
        },
      ],
    };
    const mail = replyMail({ site, visitor, message, publicUrl: 'https://chat.example' });
    const link =
      'https://chat.example/api/files/f1/s3cret/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.pdf';
    expect(mail.text).toContain(
      `Hoá đơn của bạn\n[Tệp] <img src=x onerror=alert(1)>.pdf (application/pdf, 1.2 MB) <${link}>\n`,
    );
    expect(mail.html).toContain(
      `<a href="${link}">&lt;img src=x onerror=alert(1)&gt;.pdf</a> <span style="color:#5b6472">(application/pdf, 1.2 MB)</span>`,
    );
    expect(mail.html).not.toContain('<img');
  });
});
