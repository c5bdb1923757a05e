import type { Attachment } from '@parley/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import { makeMessage } from '../testing/fixtures';
import { MessageBubble } from './MessageBubble';

afterEach(cleanup);

const attachment = (change: Partial<Attachment>): Attachment => ({
  id: 'f1',
  name: 'photo.png',
  type: 'image/png',
  size: 2048,
  url: '/api/files/f1/s3cretS3cretS3cretS3cretS3cret12/photo.png',
  ...change,
});

function bubble(attachments: Attachment[], text = 'Here you go') {
  return render(
    <ol>
      <MessageBubble
        message={makeMessage({ text, attachments })}
        seen={false}
        visitorLabel="Vera Visitor"
      />
    </ol>,
  );
}

describe('files in a message', () => {
  test('a picture is a thumbnail named by its file; other files are download cards', () => {
    bubble([
      attachment({}),
      attachment({
        id: 'f2',
        name: 'invoice.pdf',
        type: 'application/pdf',
        size: 120 * 1024,
        url: '/api/files/f2/abc/invoice.pdf',
      }),
    ]);
    const thumbnail = screen.getByRole('img', { name: 'photo.png' });
    expect(thumbnail.getAttribute('src')).toBe(
      '/api/files/f1/s3cretS3cretS3cretS3cretS3cret12/photo.png',
    );
    const card = screen.getByRole('link', { name: /invoice\.pdf/ });
    expect(card.getAttribute('href')).toBe('/api/files/f2/abc/invoice.pdf');
    expect(card.getAttribute('download')).toBe('invoice.pdf');
    expect(card.textContent).toContain('PDF · 120 KB');
    // Pictures open in the viewer, they are not links that leave the console.
    expect(screen.queryByRole('link', { name: /photo\.png/ })).toBeNull();
  });

  test('a message of files only shows no empty text line', () => {
    const { container } = bubble([attachment({})], '');
    expect(container.querySelector('.message-text')).toBeNull();
    expect(screen.getByRole('img', { name: 'photo.png' })).toBeTruthy();
  });

  test('a file name that looks like markup is shown as text, never as HTML', () => {
    const name = '<img src=x onerror=alert(1)>.png';
    const { container } = bubble([
      attachment({ name }),
      attachment({
        id: 'f2',
        name: `${name}.pdf`,
        type: 'application/pdf',
        url: '/api/files/f2/a/b.pdf',
      }),
    ]);
    const images = container.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]?.getAttribute('alt')).toBe(name);
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(screen.getByRole('link').textContent).toContain(`${name}.pdf`);
  });

  test('a link that does not point at the relay’s files is not offered', () => {
    bubble([
      attachment({ url: 'javascript:alert(1)' }),
      attachment({
        id: 'f2',
        name: 'a.pdf',
        type: 'application/pdf',
        url: 'https://evil.example/a.pdf',
      }),
    ]);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('photo.png')).toBeTruthy();
    expect(screen.getByText('a.pdf')).toBeTruthy();
  });

  test('a thumbnail opens the picture in a dialog; Escape closes it and focus returns', () => {
    bubble([attachment({})]);
    const opener = screen.getByRole('button', { name: 'photo.png' });
    opener.focus();
    fireEvent.click(opener);
    const viewer = screen.getByRole('dialog', { name: 'photo.png' });
    expect(viewer.getAttribute('aria-modal')).toBe('true');
    // Over the page, not inside the message (whose colours and live region are not the dialog's).
    expect(viewer.closest('li')).toBeNull();
    expect(within(viewer).getByRole('img', { name: 'photo.png' }).getAttribute('src')).toBe(
      attachment({}).url,
    );
    const close = within(viewer).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    expect(within(viewer).getByRole('link', { name: 'Download' }).getAttribute('download')).toBe(
      'photo.png',
    );

    fireEvent.keyDown(close, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  test('the viewer’s Close button closes it too', () => {
    bubble([attachment({})]);
    fireEvent.click(screen.getByRole('button', { name: 'photo.png' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('files in an internal note show the same way', () => {
    render(
      <ol>
        <MessageBubble
          message={makeMessage({
            author: 'agent',
            internal: true,
            text: '',
            attachments: [
              attachment({ type: 'text/plain', name: 'log.txt', url: '/api/files/f1/s/log.txt' }),
            ],
          })}
          seen={false}
          visitorLabel="Vera Visitor"
        />
      </ol>,
    );
    expect(screen.getByText(/Internal note/)).toBeTruthy();
    expect(screen.getByRole('link', { name: /log\.txt/ }).textContent).toContain('Text · 2 KB');
  });
});
