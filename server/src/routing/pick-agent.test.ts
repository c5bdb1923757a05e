import { describe, expect, it } from 'vitest';
import { pickAgent } from './pick-agent';

const agent = (agentId: string, activeChats: number, capacity: number, idleSince: number) => ({
  agentId,
  activeChats,
  capacity,
  idleSince,
});

describe('pickAgent', () => {
  it('gives the chat to the agent with the fewest active chats', () => {
    expect(pickAgent([agent('a', 2, 5, 0), agent('b', 1, 5, 100)])).toBe('b');
  });

  it('breaks a tie in favour of the agent idle longest', () => {
    expect(pickAgent([agent('a', 1, 5, 200), agent('b', 1, 5, 100)])).toBe('b');
  });

  it('skips agents at capacity, even with the longest idle time', () => {
    expect(pickAgent([agent('a', 3, 3, 0), agent('b', 4, 6, 900)])).toBe('b');
  });

  it('finds nobody when every agent is full or there are no agents', () => {
    expect(pickAgent([agent('a', 1, 1, 0)])).toBeNull();
    expect(pickAgent([])).toBeNull();
  });
});
