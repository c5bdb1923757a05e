import type { Visitor } from '@parley/shared';

/** The best name the console has for a visitor; anonymous visitors get a stable short label. */
export function visitorName(visitor: Pick<Visitor, 'id' | 'name' | 'email'>): string {
  return visitor.name || visitor.email || `Visitor ${visitor.id.slice(-4).toUpperCase()}`;
}
