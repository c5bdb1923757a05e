import type { PublicSiteConfig, Site } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import { api, connectVisitor, login, relayModes, startServer, type TestServer } from './harness';

const POLISH = {
  greeting: 'Dzień dobry! W czym możemy pomóc?',
  awayMessage: 'Jesteśmy poza biurem. Zostaw wiadomość, odpowiemy jutro od 9:00.',
  csatQuestion: 'Jak oceniasz tę rozmowę?',
  npsQuestion: 'Czy poleciłbyś nasz sklep znajomym?',
  fieldLabels: { name: 'Imię i nazwisko', order: 'Numer zamówienia' },
};

async function withPolishTexts(server: TestServer) {
  const { token } = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
  const patch = await api<{ site: Site } | Site>(
    server.url,
    token,
    'PATCH',
    `/api/sites/${server.owner.siteId}`,
    {
      widget: {
        greeting: 'Hi! How can we help?',
        prechatFields: [
          { key: 'name', label: 'Name', type: 'text', required: true },
          { key: 'order', label: 'Order number', type: 'text', required: false },
        ],
        texts: { pl: POLISH },
      },
    },
  );
  expect(patch.status).toBe(200);
  return token;
}

const config = async (server: TestServer, locale?: string) => {
  const query = locale ? `?locale=${locale}` : '';
  const response = await fetch(`${server.url}/api/widget/sites/${server.owner.siteId}${query}`);
  return (await response.json()) as PublicSiteConfig;
};

describe.each(relayModes())('a site’s words per language (%s)', (mode) => {
  it('reach a visitor reading that language, with the defaults where none were given', async () => {
    await using server = await startServer({ mode });
    await withPolishTexts(server);

    const polish = await config(server, 'pl-PL');
    expect(polish.widget.greeting).toBe(POLISH.greeting);
    expect(polish.widget.prechatFields.map((f) => f.label)).toEqual([
      'Imię i nazwisko',
      'Numer zamówienia',
    ]);
    expect(polish.widget).toMatchObject({
      awayMessage: POLISH.awayMessage,
      csatQuestion: POLISH.csatQuestion,
      npsQuestion: POLISH.npsQuestion,
    });
    // Only the visitor's language travels, never the table of all of them.
    expect(polish.widget).not.toHaveProperty('texts');

    const vietnamese = await config(server, 'vi');
    expect(vietnamese.widget.greeting).toBe('Hi! How can we help?');
    expect(vietnamese.widget.prechatFields.map((f) => f.label)).toEqual(['Name', 'Order number']);
    expect(vietnamese.widget).not.toHaveProperty('awayMessage');
    expect((await config(server)).widget.greeting).toBe('Hi! How can we help?');
  });

  it('follow the visitor’s language from hello, and when they switch it mid-chat', async () => {
    await using server = await startServer({ mode });
    await withPolishTexts(server);
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const session = await visitor.ok('visitor:hello', { locale: 'pl' });
    expect(session.site.widget.greeting).toBe(POLISH.greeting);
    const switched = await visitor.ok('visitor:identify', { locale: 'vi' });
    expect(switched.site?.widget.greeting).toBe('Hi! How can we help?');
    const back = await visitor.ok('visitor:identify', { locale: 'pl' });
    expect(back.site?.widget.csatQuestion).toBe(POLISH.csatQuestion);
    // An identify that does not change the language answers as before.
    expect(await visitor.ok('visitor:identify', { name: 'Anna' })).toEqual({ verified: false });
  });

  it('refuse a language the widget does not speak, or words too long, and change nothing', async () => {
    await using server = await startServer({ mode });
    const token = await withPolishTexts(server);
    for (const texts of [
      { de: { greeting: 'Hallo' } },
      { pl: { greeting: 'x'.repeat(501) } },
      { pl: { fieldLabels: { 'not a key': 'Etykieta' } } },
      { pl: { colour: 'red' } },
    ]) {
      const refused = await api<{ error: { code: string } }>(
        server.url,
        token,
        'PATCH',
        `/api/sites/${server.owner.siteId}`,
        { widget: { texts } },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await config(server, 'pl')).widget.greeting).toBe(POLISH.greeting);
  });
});
