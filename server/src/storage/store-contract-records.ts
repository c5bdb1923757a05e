/** Contract cases for sites, agents, visitors, canned replies and settings. */
import { expect, it } from 'vitest';
import type { ContractContext } from './store-contract-context';
import {
  at,
  makeAgent,
  makeCannedReply,
  makeSite,
  makeVisitor,
  tryToChange,
} from './store-contract-fixtures';

/** Registers the cases; call inside a `describe`. */
export function recordsContract(ctx: ContractContext): void {
  it('a site round-trips, is listed oldest first, and an unknown id gives null', async () => {
    const later = makeSite({ createdAt: at(5), name: 'Magazin Cluj-Napoca' });
    const earlier = makeSite({ createdAt: at(1) });
    await ctx.store().createSite(later);
    expect(await ctx.store().createSite(earlier)).toEqual(earlier);
    expect(await ctx.store().getSite(later.id)).toEqual(later);
    expect(await ctx.store().listSites()).toEqual([earlier, later]);
    expect(await ctx.store().getSite('site_missing')).toBeNull();
  });

  it('updating a site replaces its fields; an unknown site is NOT_FOUND', async () => {
    const site = makeSite();
    await ctx.store().createSite(site);
    const changed = { ...site, name: 'Sklep w Łodzi', allowedOrigins: ['https://sklep.example'] };
    expect(await ctx.store().updateSite(changed)).toEqual(changed);
    expect(await ctx.store().getSite(site.id)).toEqual(changed);
    await expect(ctx.store().updateSite(makeSite())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('changing a result or an input never changes what is stored', async () => {
    const site = makeSite();
    const created = await ctx.store().createSite(site);
    const original = structuredClone(site);
    site.widget.greeting = 'changed input';
    tryToChange(() =>
      created.widget.prechatFields.push({ key: 'x', label: 'x', type: 'text', required: false }),
    );
    const read = (await ctx.store().getSite(site.id))!;
    tryToChange(() => read.allowedOrigins.push('https://evil.example'));
    const listed = (await ctx.store().listSites())[0]!;
    tryToChange(() => (listed.name = 'changed list item'));
    expect(await ctx.store().getSite(site.id)).toEqual(original);

    const agent = makeAgent();
    const createdAgent = await ctx.store().createAgent(agent);
    tryToChange(() => createdAgent.siteIds.push('site_x'));
    const found = (await ctx.store().getAgentByEmail(agent.email))!;
    tryToChange(() => found.siteIds.push('site_y'));
    expect((await ctx.store().getAgent(agent.id))!.siteIds).toEqual([]);
  });

  it('creating a site or an agent with an id already in use is a CONFLICT', async () => {
    const site = makeSite();
    await ctx.store().createSite(site);
    await expect(ctx.store().createSite({ ...site, name: 'other' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const agent = makeAgent();
    await ctx.store().createAgent(agent);
    await expect(
      ctx.store().createAgent({ ...agent, email: 'someone-else@example.com' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('an agent is found by id and by email in any letter case, and listed oldest first', async () => {
    const second = makeAgent({ email: 'Ștefan.Ionescu@Example.RO', createdAt: at(3) });
    const first = makeAgent({ email: 'owner@example.com', role: 'owner', createdAt: at(1) });
    await ctx.store().createAgent(second);
    await ctx.store().createAgent(first);
    expect(await ctx.store().getAgent(second.id)).toEqual(second);
    expect(await ctx.store().getAgentByEmail('ștefan.ionescu@example.ro')).toEqual(second);
    expect(await ctx.store().getAgentByEmail('OWNER@EXAMPLE.COM')).toEqual(first);
    expect(await ctx.store().getAgentByEmail('nobody@example.com')).toBeNull();
    expect(await ctx.store().getAgent('agent_missing')).toBeNull();
    expect(await ctx.store().listAgents()).toEqual([first, second]);
  });

  it('a second agent with the same email in another case is EMAIL_TAKEN', async () => {
    await ctx.store().createAgent(makeAgent({ email: 'lan@example.vn' }));
    await expect(
      ctx.store().createAgent(makeAgent({ email: 'LAN@example.VN' })),
    ).rejects.toMatchObject({
      code: 'EMAIL_TAKEN',
    });
    expect(await ctx.store().listAgents()).toHaveLength(1);
  });

  it("updating an agent moves its email, refuses another agent's email, and 404s an unknown agent", async () => {
    const lan = makeAgent({ email: 'lan@example.vn' });
    const minh = makeAgent({ email: 'minh@example.vn' });
    await ctx.store().createAgent(lan);
    await ctx.store().createAgent(minh);
    const moved = { ...lan, email: 'lan.nguyen@example.vn', name: 'Nguyễn Lan', capacity: 5 };
    expect(await ctx.store().updateAgent(moved)).toEqual(moved);
    expect(await ctx.store().getAgentByEmail('lan@example.vn')).toBeNull();
    expect(await ctx.store().getAgentByEmail('LAN.NGUYEN@example.vn')).toEqual(moved);
    await expect(
      ctx.store().updateAgent({ ...moved, email: 'Minh@Example.vn' }),
    ).rejects.toMatchObject({
      code: 'EMAIL_TAKEN',
    });
    const recased = { ...moved, email: 'Lan.Nguyen@example.vn' };
    expect(await ctx.store().updateAgent(recased)).toEqual(recased);
    await expect(ctx.store().updateAgent(makeAgent())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('revoking tokens bumps the token version once per revocation, even when they run at once', async () => {
    const agent = await ctx.store().createAgent(makeAgent({ email: 'thu@example.vn' }));
    expect(agent.tokenVersion ?? 0).toBe(0);
    const changed = await ctx.store().patchAgent(agent.id, {
      passwordHash: 'new-hash',
      revokeTokens: true,
    });
    expect(changed).toMatchObject({ passwordHash: 'new-hash', tokenVersion: 1 });
    expect(await ctx.store().patchAgent(agent.id, { name: 'Thu' })).toMatchObject({
      tokenVersion: 1,
    });
    await Promise.all(
      Array.from({ length: 5 }, () => ctx.store().patchAgent(agent.id, { revokeTokens: true })),
    );
    expect((await ctx.store().getAgent(agent.id))?.tokenVersion).toBe(6);
    const reopened = await ctx.reopen();
    expect((await reopened.getAgent(agent.id))?.tokenVersion).toBe(6);
  });

  it('deleting an agent frees the email and survives a restart; an unknown agent is NOT_FOUND', async () => {
    const gone = await ctx.store().createAgent(makeAgent({ email: 'Marek@example.pl' }));
    const kept = await ctx.store().createAgent(makeAgent({ email: 'ola@example.pl' }));
    await ctx.store().deleteAgent(gone.id);
    expect(await ctx.store().getAgent(gone.id)).toBeNull();
    expect(await ctx.store().getAgentByEmail('marek@example.pl')).toBeNull();
    expect(await ctx.store().listAgents()).toEqual([kept]);
    await expect(ctx.store().deleteAgent(gone.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const reopened = await ctx.reopen();
    expect(await reopened.listAgents()).toEqual([kept]);
    const again = makeAgent({ email: 'marek@example.pl' });
    expect(await reopened.createAgent(again)).toEqual(again);
  });

  it('saveVisitor stores a visitor and replaces it by id', async () => {
    const visitor = makeVisitor('site_1', {
      name: 'Nguyễn Thị Hương',
      fields: { 'số đơn hàng': 'ĐH-2025-0042' },
    });
    expect(await ctx.store().saveVisitor(visitor)).toEqual(visitor);
    expect(await ctx.store().getVisitor(visitor.id)).toEqual(visitor);
    const identified = {
      ...visitor,
      email: 'huong@example.vn',
      userId: 'u-42',
      verified: true,
      lastSeenAt: at(9),
    };
    await ctx.store().saveVisitor(identified);
    expect(await ctx.store().getVisitor(visitor.id)).toEqual(identified);
    expect(await ctx.store().getVisitor('visitor_missing')).toBeNull();
  });

  it('canned replies are listed by shortcut, per site, and a reused shortcut replaces the old reply', async () => {
    const [vi, pl] = [ctx.texts().vi[3]!, ctx.texts().pl[0]!];
    const refund = makeCannedReply('site_a', 'refund', vi);
    const hello = makeCannedReply('site_a', 'hello', 'Xin chào!');
    const other = makeCannedReply('site_b', 'refund', pl);
    for (const reply of [refund, hello, other]) await ctx.store().saveCannedReply(reply);
    expect(await ctx.store().listCannedReplies('site_a')).toEqual([hello, refund]);
    expect(await ctx.store().listCannedReplies('site_b')).toEqual([other]);

    const newer = makeCannedReply('site_a', 'refund', 'Hoàn tiền trong 7 ngày.');
    expect(await ctx.store().saveCannedReply(newer)).toEqual(newer);
    expect(await ctx.store().listCannedReplies('site_a')).toEqual([hello, newer]);
    const edited = { ...hello, shortcut: 'hi', text: 'Chào bạn!' };
    await ctx.store().saveCannedReply(edited);
    expect(await ctx.store().listCannedReplies('site_a')).toEqual([edited, newer]);
    expect(await ctx.store().listCannedReplies('site_b')).toEqual([other]);
  });

  it('deleting a canned reply removes it; an unknown reply or a wrong site is NOT_FOUND', async () => {
    const reply = makeCannedReply('site_a', 'bye', 'Tạm biệt!');
    await ctx.store().saveCannedReply(reply);
    await expect(ctx.store().deleteCannedReply('site_b', reply.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await ctx.store().deleteCannedReply('site_a', reply.id);
    expect(await ctx.store().listCannedReplies('site_a')).toEqual([]);
    await expect(ctx.store().deleteCannedReply('site_a', reply.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a setting is null until set, then holds the latest value', async () => {
    expect(await ctx.store().getSetting('tokenKey')).toBeNull();
    await ctx.store().setSetting('tokenKey', 'first');
    await ctx.store().setSetting('tokenKey', 'khóa bí mật — second');
    await ctx.store().setSetting('other', '');
    expect(await ctx.store().getSetting('tokenKey')).toBe('khóa bí mật — second');
    expect(await ctx.store().getSetting('other')).toBe('');
  });
}
