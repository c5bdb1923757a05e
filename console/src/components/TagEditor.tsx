import { useState } from 'preact/hooks';

/** Tags every site uses for triage; any other tag can be typed. */
const PRESET_TAGS = ['complaint'] as const;

/** The conversation's tags: the preset ones as toggles, free tags typed in and removable. */
export function TagEditor(props: {
  tags: string[];
  busy: boolean;
  onChange: (tags: string[]) => void;
}) {
  const [draft, setDraft] = useState('');
  const { tags } = props;

  function add(raw: string): void {
    const tag = raw.trim().toLowerCase();
    setDraft('');
    if (tag && !tags.includes(tag)) props.onChange([...tags, tag]);
  }

  return (
    <div class="tag-editor" aria-label="Tags" role="group">
      {PRESET_TAGS.map((tag) => (
        <button
          key={tag}
          type="button"
          class={`chip chip-toggle ${tags.includes(tag) ? 'chip-danger' : ''}`}
          aria-pressed={tags.includes(tag)}
          disabled={props.busy}
          onClick={() =>
            props.onChange(tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag])
          }
        >
          {tag}
        </button>
      ))}
      {tags
        .filter((tag) => !(PRESET_TAGS as readonly string[]).includes(tag))
        .map((tag) => (
          <span key={tag} class="chip chip-muted">
            {tag}
            <button
              type="button"
              class="chip-remove"
              aria-label={`Remove tag ${tag}`}
              disabled={props.busy}
              onClick={() => props.onChange(tags.filter((t) => t !== tag))}
            >
              ×
            </button>
          </span>
        ))}
      <input
        class="tag-input"
        aria-label="Add tag"
        placeholder="+ tag"
        maxLength={40}
        value={draft}
        disabled={props.busy}
        onInput={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ',') {
            event.preventDefault();
            add(draft);
          }
        }}
        onBlur={() => draft && add(draft)}
      />
    </div>
  );
}
