/** Initials on a colour picked from the name, so the same visitor keeps the same colour. */
export function Avatar(props: { name: string; size?: 'small' | 'large' }) {
  const initials =
    props.name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase() ?? '')
      .join('') || '?';
  let hash = 0;
  for (const char of props.name) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return (
    <span
      class={`avatar ${props.size === 'large' ? 'avatar-large' : ''}`}
      style={{ background: `hsl(${hash} 55% 88%)`, color: `hsl(${hash} 45% 30%)` }}
      aria-hidden="true"
    >
      {initials}
    </span>
  );
}
