/** A visitor who leaves a message while nobody is online, for tests of what follows. */
import { connectVisitor, type TestServer } from './harness';

/** A Polish visitor leaves a message while nobody is there, then closes the page. */
export async function leaveAndGo(server: TestServer, text: string) {
  await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  const session = await visitor.ok('visitor:hello', {
    locale: 'pl-PL',
    page: { url: 'https://sklep.example/zwroty', title: 'Zwroty' },
  });
  const { conversationId } = await visitor.ok('offline:leave', {
    name: 'Ania Nowak',
    email: 'ania@example.pl',
    text,
  });
  return { conversationId, token: session.token };
}
